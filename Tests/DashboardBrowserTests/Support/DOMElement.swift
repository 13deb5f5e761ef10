/// One element of a page as the browser built it, read back from Chromium's `--dump-dom` output by `DOMParser`.
final class DOMElement {
    /// Lower-case tag name (`svg` children keep theirs: `rect`, `text`).
    let name: String
    let attributes: [String: String]
    private(set) var children: [DOMNode] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func append(_ node: DOMNode) { children.append(node) }

    subscript(attribute: String) -> String? { attributes[attribute] }

    var id: String? { attributes["id"] }

    func hasClass(_ name: String) -> Bool { (attributes["class"] ?? "").split(separator: " ").contains { $0 == name } }

    /// The text of this element and everything in it, as `textContent` gives it.
    var text: String {
        children.map { node in
            switch node {
            case .text(let text): text
            case .element(let element): element.text
            }
        }.joined()
    }

    /// Every element below this one, in document order.
    var descendants: [DOMElement] {
        var result: [DOMElement] = []
        for case .element(let element) in children {
            result.append(element)
            result.append(contentsOf: element.descendants)
        }
        return result
    }

    /// Child elements only (no text).
    var elementChildren: [DOMElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    func element(id: String) -> DOMElement? { descendants.first { $0.id == id } }

    func elements(_ name: String) -> [DOMElement] { descendants.filter { $0.name == name } }

    func elements(where predicate: (DOMElement) -> Bool) -> [DOMElement] { descendants.filter(predicate) }
}
