/// `/assets/muninn.css`: served by Muninn itself (no CDN, system fonts only) so the strict CSP holds.
enum DashboardStyleSheet {
    static let css = """
        :root { --fg: #1b2330; --muted: #5b6575; --line: #dde2ea; --bg: #f4f6f9; --panel: #fff; --accent: #1f5bd8; --bad: #b42318; --bad-bg: #fde8e6;
          --ok: #1d7a36; --ok-bg: #e5f4ea; --warn: #9a5b00; --warn-bg: #fdf0d9; --change: #5b3cc4; --change-bg: #ece7fb;
          --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
        header.site { display: flex; gap: 2rem; align-items: center; padding: 0 1.5rem; height: 48px; background: #141b26; border-bottom: 3px solid var(--accent); }
        header.site a { color: #c9d3e2; text-decoration: none; }
        header.site a.brand { color: #fff; font-weight: 700; font-size: 1.05rem; letter-spacing: .06em; }
        header.site nav { display: flex; gap: 1.4rem; }
        header.site nav a { padding: 12px 0; border-bottom: 3px solid transparent; margin-bottom: -3px; }
        header.site nav a:hover { color: #fff; }
        header.site nav a[aria-current] { color: #fff; border-bottom-color: #fff; }
        main { padding: 1.2rem 1.5rem 3rem; max-width: 1440px; }
        h1 { font-size: 1.4rem; margin: .2rem 0 .9rem; font-weight: 650; overflow-wrap: anywhere; }
        h2 { font-size: 1.05rem; margin: 1.8rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code { font-family: var(--mono); font-size: .92em; background: #eef1f6; padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
        th, td { text-align: left; padding: .45rem .65rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #f0f3f7; white-space: nowrap; }
        tbody tr:hover { background: #f7f9fc; }
        td { overflow-wrap: break-word; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
        #incidents td .workload { font-size: .82rem; }
        form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .55rem .8rem; margin-bottom: 1.1rem;
          background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
        form.filters label { display: flex; flex-direction: column; gap: .15rem; font-size: .76rem; font-weight: 600; color: var(--muted); }
        form.filters input, form.filters select { font: inherit; font-weight: 400; color: var(--fg); padding: .3rem .45rem; border: 1px solid #c5ccd8; border-radius: 4px; background: #fff; min-width: 0; }
        form.filters label.search { grid-column: span 2; }
        form.filters .actions { display: flex; gap: .8rem; align-items: end; }
        button { font: inherit; font-weight: 600; padding: .32rem 1.1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
        .status-delivered { color: var(--ok); font-weight: 600; } .status-failed { color: var(--bad); font-weight: 600; }
        .status-pending { color: var(--warn); font-weight: 600; } .status-suppressed, .muted { color: var(--muted); }
        .matched { margin-top: .2rem; color: var(--fg); background: #fff7d6; border-left: 3px solid #e0b400; padding: .1rem .4rem; font-family: var(--mono); font-size: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .paging { margin: 1rem 0; display: flex; gap: 1.2rem; }
        .lead { color: var(--muted); margin: -.4rem 0 1rem; }
        .headline { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: baseline; margin: -.3rem 0 1rem; font-size: 1rem; }
        .badge { display: inline-block; font-size: .78rem; font-weight: 700; padding: .05rem .5rem; border-radius: 999px; white-space: nowrap; }
        .badge.crash { color: var(--bad); background: var(--bad-bg); } .badge.change { color: var(--change); background: var(--change-bg); }
        dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); gap: .3rem 1.2rem; margin: 0;
          background: var(--panel); padding: .9rem 1.1rem; border: 1px solid var(--line); border-radius: 6px; }
        dl.facts dt { color: var(--muted); font-size: .82rem; font-weight: 600; padding-top: .1rem; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        pre.log, pre.diff { margin: 0; background: #0f141c; color: #d8dee9; padding: .6rem 0; overflow-x: auto; border-radius: 6px; font: 12.5px/1.55 var(--mono); tab-size: 4; }
        pre.log { max-height: 70vh; overflow-y: auto; }
        pre.log .line, pre.diff .line { display: block; padding: 0 1rem 0 0; white-space: pre; min-height: 1.55em; }
        pre.log .line::before { content: attr(data-n); display: inline-block; width: 3.6em; padding-right: .9em; margin-right: .8em; text-align: right; color: #6b7687; border-right: 1px solid #2a3340; user-select: none; }
        pre.log .line:target { background: #2b3a55; }
        pre.log .crash { background: #4a1515; color: #fff; box-shadow: inset 4px 0 0 #ff5c5c; }
        pre.log .crash::before { color: #ffb4b4; }
        pre.diff .line { padding-left: 1rem; }
        pre.diff .add { background: #12351f; color: #b8f0c6; } pre.diff .del { background: #3d1517; color: #ffc2c2; }
        pre.diff .hunk { color: #8fb4ff; } pre.diff .file { color: #9aa5b5; font-weight: 700; }
        .log-tools { display: flex; gap: 1.2rem; align-items: baseline; margin: 0 0 .5rem; }
        ul.events { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: .6rem 1rem .6rem 2rem; font-family: var(--mono); font-size: .85rem; }
        ul.events li { padding: .1rem 0; overflow-wrap: anywhere; }
        .problem { color: var(--bad); }
        .notice { background: var(--warn-bg); border: 1px solid #efcf95; color: #5e3b00; padding: .6rem .9rem; border-radius: 6px; }
        .empty { color: var(--muted); padding: .6rem 0; }
        .summary-line { margin: 0 0 .8rem; color: var(--muted); }
        .chart-panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem .4rem; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--muted); }
        svg.chart text.axis-title { font-weight: 600; fill: var(--fg); }
        svg.chart line.axis { stroke: #8c96a5; stroke-width: 1; }
        svg.chart line.grid { stroke: #e6eaf0; stroke-width: 1; }
        ul.legend { list-style: none; padding: .4rem 0 .2rem; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; }
        ul.legend .swatch { display: inline-block; width: .85em; height: .85em; margin-right: .4em; border-radius: 2px; vertical-align: -1px; }
        .c0 { fill: #d1453b; background: #d1453b; } .c1 { fill: #2f6fde; background: #2f6fde; } .c2 { fill: #e49a1b; background: #e49a1b; }
        .c3 { fill: #2a9d57; background: #2a9d57; } .c4 { fill: #8e54c9; background: #8e54c9; } .c5 { fill: #1a9aae; background: #1a9aae; }
        .c6 { fill: #8a4b1f; background: #8a4b1f; } .c7 { fill: #8d99a6; background: #8d99a6; }
        ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.4rem; border-left: 2px solid var(--line); }
        ol.timeline .entry { position: relative; display: grid; grid-template-columns: 11.5rem minmax(0, 1fr); gap: 1rem; margin: 0 0 .8rem; }
        ol.timeline .entry::before { content: ""; position: absolute; left: -1.85rem; top: .85rem; width: .75rem; height: .75rem; border-radius: 50%; border: 2px solid var(--bg); }
        ol.timeline .incident::before { background: var(--bad); } ol.timeline .change::before { background: var(--change); }
        ol.timeline time { color: var(--muted); font-variant-numeric: tabular-nums; padding-top: .55rem; font-size: .86rem; }
        ol.timeline .what { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; min-width: 0; }
        ol.timeline .incident .what { border-left: 4px solid var(--bad); } ol.timeline .change .what { border-left: 4px solid var(--change); }
        ol.timeline .hint { margin-top: .3rem; font-size: .85rem; color: var(--change); font-weight: 600; }
        ol.timeline .message { margin-top: .25rem; font-family: var(--mono); font-size: .82rem; color: var(--muted); overflow-wrap: anywhere; }
        ul.field-changes { margin: .4rem 0 .2rem; padding-left: 1.2rem; font-size: .88rem; }
        ul.field-changes li { overflow-wrap: anywhere; }
        ul.field-changes del { color: var(--bad); background: var(--bad-bg); text-decoration: line-through; padding: 0 .2em; font-family: var(--mono); }
        ul.field-changes ins { color: var(--ok); background: var(--ok-bg); text-decoration: none; padding: 0 .2em; font-family: var(--mono); }
        details.diff { margin-top: .4rem; }
        details.diff summary { cursor: pointer; color: var(--accent); font-size: .86rem; margin-bottom: .3rem; }
        @media (max-width: 900px) { dl.facts { grid-template-columns: max-content minmax(0, 1fr); } ol.timeline .entry { grid-template-columns: 1fr; gap: .2rem; } }

        """
}
