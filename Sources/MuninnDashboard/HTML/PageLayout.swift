/// The frame every page shares: head, navigation, main. `current` marks the active navigation link.
enum PageLayout {
    enum Section: String { case incidents, stats }

    static func render(title: String, current: Section?, body: String) -> String {
        func link(_ section: Section, _ href: String, _ label: String) -> String {
            let active = section == current ? #" aria-current="page""# : ""
            return #"<a href="\#(href)"\#(active)>\#(label)</a>"#
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Muninn</title>
            <link rel="stylesheet" href="/assets/muninn.css">
            </head>
            <body>
            <header class="site"><a class="brand" href="/">Muninn</a><nav>\(link(.incidents, "/", "Incidents")) \(link(.stats, "/stats", "Stats"))</nav></header>
            <main id="main">
            <h1>\(HTML.escape(title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }
}
