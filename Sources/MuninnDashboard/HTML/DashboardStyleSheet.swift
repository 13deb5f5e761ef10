/// `/assets/muninn.css`: served by Muninn itself (no CDN, system fonts only) so the strict CSP holds.
enum DashboardStyleSheet {
    static let css = """
        :root { --fg: #1d2430; --muted: #5b6575; --line: #d9dee6; --bg: #f7f8fa; --accent: #2457c5; --bad: #b3261e; --ok: #1e7b34; --warn: #a15c00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
        header.site { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #1d2430; }
        header.site a { color: #e8ecf2; text-decoration: none; }
        header.site a.brand { font-weight: 700; letter-spacing: .04em; }
        header.site nav a { margin-right: 1rem; }
        header.site nav a[aria-current] { text-decoration: underline; }
        main { padding: 1rem 1.2rem 3rem; max-width: 1400px; }
        h1 { font-size: 1.35rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
        a { color: var(--accent); }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); background: #eef1f5; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem .8rem; margin-bottom: 1rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
        form.filters input, form.filters select { font: inherit; padding: .25rem .4rem; border: 1px solid var(--line); border-radius: 3px; }
        form.filters .actions { display: flex; gap: .6rem; align-items: end; }
        button { font: inherit; padding: .3rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; }
        .status-delivered { color: var(--ok); } .status-failed { color: var(--bad); } .status-pending { color: var(--warn); } .status-suppressed, .muted { color: var(--muted); }
        .matched { color: var(--muted); font-family: ui-monospace, monospace; font-size: .85em; }
        .paging { margin: 1rem 0; display: flex; gap: 1rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; background: #fff; padding: .8rem 1rem; border: 1px solid var(--line); }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
        pre.log { background: #10151d; color: #d7dde8; padding: .6rem 0; overflow-x: auto; font: 12.5px/1.5 ui-monospace, monospace; }
        pre.log .line { display: block; padding: 0 .8rem; white-space: pre; }
        pre.log .line::before { content: attr(data-n); display: inline-block; width: 3.5em; color: #6b7686; }
        pre.log .crash { background: #5a1d1d; color: #fff; }
        ul.events { background: #fff; border: 1px solid var(--line); padding: .6rem 1.8rem; }
        .problem { color: var(--bad); }
        svg.chart { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; }
        svg.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
        svg.chart line.axis { stroke: #9aa3b0; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        ul.legend .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; vertical-align: -1px; }
        .c0 { fill: #c0392b; background: #c0392b; } .c1 { fill: #2457c5; background: #2457c5; } .c2 { fill: #d68910; background: #d68910; }
        .c3 { fill: #1e8449; background: #1e8449; } .c4 { fill: #7d3c98; background: #7d3c98; } .c5 { fill: #117a8b; background: #117a8b; }
        .c6 { fill: #6e2c00; background: #6e2c00; } .c7 { fill: #7f8c8d; background: #7f8c8d; }
        .empty { color: var(--muted); padding: 1rem 0; }

        """
}
