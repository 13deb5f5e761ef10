/// A node of the tree: an element or a run of text.
enum DOMNode {
    case element(DOMElement)
    case text(String)
}
