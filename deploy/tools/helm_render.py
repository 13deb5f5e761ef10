"""Renders a Helm chart as `helm template` does, for the subset of Go templates and Sprig the Muninn chart uses.

helm cannot be installed where Muninn is built and tested, so the chart's tests render it with this. The chart
stays a plain Helm chart: `helm template muninn deploy/helm/muninn -f values.yaml` renders the same objects (the
ConfigMap's muninn.yaml may differ in YAML quoting style, not in content).

What is implemented, with Go text/template semantics:
- actions with `{{-`/`-}}` trimming and comments; `if`/`else if`/`else`, `range` (lists and maps in key order,
  `$i, $v :=`, `else`), `with`/`else`, `define`, `template`; variables (`$x :=`, `$x =`, `$`); pipelines and
  parenthesised pipelines; fields of maps; truthiness; `and`/`or` returning an operand.
- Helm: values as Helm loads them (numbers become float64), `.Values`, `.Release`, `.Chart`, `.Template`,
  `include`, `required`, `fail`, `toYaml`, `lookup` (empty, as in `helm template`), missing keys print nothing.
- Sprig: default, empty, quote, squote, trunc, trimSuffix, trimPrefix, replace, contains, printf, print, indent,
  nindent, int, toString, b64enc, sha256sum, randAlphaNum, hasKey, dig, index, splitList, last, len, dict, list,
  eq, ne, lt, le, gt, ge, not, lower, upper, ternary, kindIs, toJson, semverCompare-free.
Anything else is an error naming the function, so a template can never silently render differently.

Usage: python3 deploy/tools/helm_render.py CHART_DIR [-f values.yaml]... [--release NAME] [--namespace NS]
"""
import argparse
import base64
import hashlib
import json
import os
import re
import secrets
import string
import sys

import yaml


class ValuesLoader(yaml.SafeLoader):
    """YAML as Helm reads values: dates stay strings (no timestamp type survives Helm's YAML -> JSON step)."""


ValuesLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_values(handle):
    return yaml.load(handle, Loader=ValuesLoader) or {}


class TemplateError(Exception):
    """A template that real Helm would also refuse (a `fail`, a `required` value, a nil field access, ...)."""


# ---------------------------------------------------------------------------------------------- lexing and parsing

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<raw>`[^`]*`)|(?P<declare>:=)|(?P<assign>=)|(?P<punct>[()|,])'
    r"|(?P<number>-?\d+(?:\.\d+)?)|(?P<variable>\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)"
    r"|(?P<field>(?:\.[A-Za-z0-9_]+)+|\.)|(?P<ident>[A-Za-z_][A-Za-z0-9_]*))"
)


def tokenize(source):
    tokens, position = [], 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = TOKEN.match(source, position)
        if not match or match.end() == position:
            raise TemplateError(f"cannot read template action near {source[position:position + 20]!r}")
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "raw":
            kind, text = "literal", text[1:-1]
        elif kind == "string":
            kind, text = "literal", json.loads(text)
        elif kind == "number":
            kind, text = "literal", float(text) if "." in text else int(text)
        tokens.append((kind, text))
        position = match.end()
    return tokens


def split_actions(text):
    """Text and action pieces, with Go's whitespace trimming applied."""
    pieces, position = [], 0
    for match in ACTION.finditer(text):
        before = text[position:match.start()]
        if match.group(1):
            before = before.rstrip(" \t\r\n")
        pieces.append(("text", before))
        pieces.append(("action", match.group(2).strip(), bool(match.group(3))))
        position = match.end()
    pieces.append(("text", text[position:]))
    result, trim_next = [], False
    for piece in pieces:
        if piece[0] == "text":
            content = piece[1].lstrip(" \t\r\n") if trim_next else piece[1]
            result.append(("text", content))
            trim_next = False
        else:
            result.append(("action", piece[1]))
            trim_next = piece[2]
    return result


class Parser:
    def __init__(self, text, name):
        self.pieces = [piece for piece in split_actions(text) if not (piece[0] == "action" and piece[1].startswith("/*"))]
        self.position = 0
        self.name = name
        self.defines = {}

    def parse(self):
        body, terminator = self.block()
        if terminator is not None:
            raise TemplateError(f"{self.name}: unexpected {{{{{terminator}}}}}")
        return body

    def block(self):
        """Nodes until `end`/`else` (returned as the terminator) or the end of input (None)."""
        nodes = []
        while self.position < len(self.pieces):
            piece = self.pieces[self.position]
            self.position += 1
            if piece[0] == "text":
                if piece[1]:
                    nodes.append(("text", piece[1]))
                continue
            action = piece[1]
            keyword = action.split(None, 1)[0] if action else ""
            rest = action[len(keyword):].strip()
            if keyword in ("end", "else"):
                return nodes, action
            if keyword in ("if", "with"):
                nodes.append(self.conditional(keyword, rest))
            elif keyword == "range":
                nodes.append(self.range_node(rest))
            elif keyword == "define":
                name = tokenize(rest)[0][1]
                body, terminator = self.block()
                if terminator != "end":
                    raise TemplateError(f"{self.name}: define {name} without end")
                self.defines[name] = body
            elif keyword == "template":
                tokens = tokenize(rest)
                nodes.append(("template", tokens[0][1], parse_pipeline(tokens[1:]) if len(tokens) > 1 else None))
            else:
                nodes.append(("action", parse_pipeline(tokenize(action))))
        return nodes, None

    def conditional(self, keyword, rest):
        branches = [(parse_pipeline(tokenize(rest)), None)]
        body, terminator = self.block()
        branches[0] = (branches[0][0], body)
        otherwise = None
        while terminator is not None and terminator.startswith("else"):
            tail = terminator[4:].strip()
            if tail.startswith(keyword + " ") :
                condition = parse_pipeline(tokenize(tail[len(keyword):].strip()))
                body, terminator = self.block()
                branches.append((condition, body))
            elif tail == "":
                otherwise, terminator = self.block()
            else:
                raise TemplateError(f"{self.name}: unsupported {{{{{terminator}}}}}")
        if terminator != "end":
            raise TemplateError(f"{self.name}: {keyword} without end")
        return (keyword, branches, otherwise)

    def range_node(self, rest):
        tokens = tokenize(rest)
        variables = []
        if any(kind == "declare" for kind, _ in tokens):
            index = next(i for i, (kind, _) in enumerate(tokens) if kind == "declare")
            variables = [text for kind, text in tokens[:index] if kind == "variable"]
            tokens = tokens[index + 1:]
        pipeline = parse_pipeline(tokens)
        body, terminator = self.block()
        otherwise = None
        if terminator == "else":
            otherwise, terminator = self.block()
        if terminator != "end":
            raise TemplateError(f"{self.name}: range without end")
        return ("range", variables, pipeline, body, otherwise)


def parse_pipeline(tokens):
    """(declared variable or None, is_assignment, [commands]); a command is a list of operands."""
    variable, assign = None, False
    if len(tokens) >= 2 and tokens[0][0] == "variable" and tokens[1][0] in ("declare", "assign"):
        variable, assign, tokens = tokens[0][1], tokens[1][0] == "assign", tokens[2:]
    commands, current, depth, group = [], [], 0, []
    for token in tokens:
        if depth > 0:
            if token == ("punct", "("):
                depth += 1
            elif token == ("punct", ")"):
                depth -= 1
                if depth == 0:
                    current.append(("pipeline", parse_pipeline(group)))
                    group = []
                    continue
            group.append(token)
        elif token == ("punct", "("):
            depth = 1
        elif token == ("punct", "|"):
            commands.append(current)
            current = []
        else:
            current.append(token)
    if depth:
        raise TemplateError("unbalanced parentheses")
    commands.append(current)
    return (variable, assign, commands)


# ---------------------------------------------------------------------------------------------- values and output

def helm_values(value):
    """Values as Helm holds them after its YAML -> JSON load: every number is a float64."""
    if isinstance(value, dict):
        return {str(key): helm_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [helm_values(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def go_float(number):
    """Go's %v of a float64 (strconv 'g', shortest digits, exponent form from 1e+06): 8080 -> 8080,
    1000000 -> 1e+06, 1073741824 -> 1.073741824e+09, 1.5 -> 1.5. Helm prints large numbers from values so."""
    if number == 0:
        return "0"
    digits, exponent = _shortest_digits(abs(number))
    sign = "-" if number < 0 else ""
    if exponent < -4 or exponent >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if exponent >= len(digits) - 1:
        return sign + digits + "0" * (exponent - len(digits) + 1)
    if exponent >= 0:
        return sign + digits[: exponent + 1] + "." + digits[exponent + 1:]
    return sign + "0." + "0" * (-exponent - 1) + digits


def _shortest_digits(value):
    """The shortest decimal digits that round-trip (Python's repr agrees with Go's) and the decimal exponent."""
    mantissa, _, exponent = f"{value!r}".partition("e") if "e" in repr(value) else (repr(value), "", "0")
    exponent = int(exponent)
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len((whole + fraction).lstrip("0"))
    point = len(whole) - leading_zeros
    digits = digits.rstrip("0") or "0"
    return digits, point - 1 + exponent


def to_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if isinstance(value, (dict, list)):
        raise TemplateError(f"printing a {'map' if isinstance(value, dict) else 'list'} directly; use toYaml")
    return str(value)


def truth(value):
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    if isinstance(value, (str, list, dict)):
        return len(value) > 0
    return True


def for_json(value):
    if isinstance(value, float) and value == int(value) and abs(value) < 1e21:
        return int(value)
    if isinstance(value, dict):
        return {key: for_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [for_json(item) for item in value]
    return value


def to_yaml(value):
    """sigs.k8s.io/yaml: through JSON (keys sorted, integral floats as integers), no trailing newline."""
    if value is None:
        return "null"
    text = yaml.safe_dump(for_json(value), sort_keys=True, default_flow_style=False, allow_unicode=True, width=1 << 30)
    if text.endswith("...\n"):
        text = text[:-4]
    return text.rstrip("\n")


def number(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TemplateError(f"{name}: incompatible types for comparison ({type(value).__name__})")
    return value


def compare(op):
    def run(left, right):
        if isinstance(left, (int, float)) and not isinstance(left, bool):
            return op(number(left, "compare"), number(right, "compare"))
        if type(left) is not type(right):
            raise TemplateError(f"incompatible types for comparison: {type(left).__name__} and {type(right).__name__}")
        return op(left, right)
    return run


def go_printf(pattern, *arguments):
    values = list(arguments)

    def substitute(match):
        verb = match.group(1)
        if verb == "%":
            return "%"
        value = values.pop(0)
        if verb == "d":
            return str(int(value))
        if verb == "q":
            return json.dumps(to_text(value))
        return to_text(value)
    return re.sub(r"%([sdvq%])", substitute, pattern)


def go_int(value):
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        return int(value) if re.fullmatch(r"-?\d+", value) else 0
    return int(value)


def dig(*arguments):
    *keys, default, mapping = arguments
    current = mapping
    for key in keys:
        if not isinstance(current, dict) or key not in current:
            return default
        current = current[key]
    return current


def default(fallback, *given):
    return given[0] if given and truth(given[0]) else fallback


def required(message, value=None):
    if value is None or value == "":
        raise TemplateError(message)
    return value


def fail(message):
    raise TemplateError(message)


def indent(width, text):
    pad = " " * int(width)
    return "\n".join(pad + line for line in to_text(text).split("\n"))


def index(collection, *keys):
    current = collection
    for key in keys:
        if isinstance(current, dict):
            current = current.get(key)
        elif isinstance(current, list):
            current = current[int(key)]
        else:
            raise TemplateError(f"index of {type(current).__name__}")
    return current


def kind_is(kind, value):
    names = {"string": str, "bool": bool, "map": dict, "slice": list, "float64": float, "int": int}
    return isinstance(value, names[kind]) if kind in names else False


FUNCTIONS = {
    "default": default,
    "empty": lambda value: not truth(value),
    "quote": lambda *values: " ".join(json.dumps(to_text(value)) for value in values if value is not None),
    "squote": lambda *values: " ".join(f"'{to_text(value)}'" for value in values if value is not None),
    "trunc": lambda length, text: to_text(text)[: int(length)] if int(length) >= 0 else to_text(text)[int(length):],
    "trimSuffix": lambda suffix, text: text[: -len(suffix)] if suffix and text.endswith(suffix) else text,
    "trimPrefix": lambda prefix, text: text[len(prefix):] if prefix and text.startswith(prefix) else text,
    "replace": lambda old, new, text: to_text(text).replace(old, new),
    "contains": lambda needle, haystack: needle in to_text(haystack),
    "printf": go_printf,
    "print": lambda *values: "".join(to_text(value) for value in values),
    "indent": indent,
    "nindent": lambda width, text: "\n" + indent(width, text),
    "int": go_int,
    "int64": go_int,
    "toString": to_text,
    "b64enc": lambda text: base64.b64encode(to_text(text).encode()).decode(),
    "sha256sum": lambda text: hashlib.sha256(to_text(text).encode()).hexdigest(),
    "randAlphaNum": lambda length: "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(int(length))),
    "hasKey": lambda mapping, key: isinstance(mapping, dict) and key in mapping,
    "dig": dig,
    "index": index,
    "splitList": lambda separator, text: to_text(text).split(separator),
    "last": lambda values: values[-1] if values else None,
    "len": lambda value: len(value) if value is not None else 0,
    "dict": lambda *pairs: {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)},
    "list": lambda *values: list(values),
    "eq": lambda left, *rights: any(compare(lambda a, b: a == b)(left, right) for right in rights),
    "ne": compare(lambda a, b: a != b),
    "lt": compare(lambda a, b: a < b),
    "le": compare(lambda a, b: a <= b),
    "gt": compare(lambda a, b: a > b),
    "ge": compare(lambda a, b: a >= b),
    "not": lambda value: not truth(value),
    "lower": lambda text: to_text(text).lower(),
    "upper": lambda text: to_text(text).upper(),
    "ternary": lambda yes, no, condition: yes if truth(condition) else no,
    "kindIs": kind_is,
    "toYaml": to_yaml,
    "toJson": lambda value: json.dumps(for_json(value), separators=(",", ":"), sort_keys=True),
    "required": required,
    "fail": fail,
    "lookup": lambda *arguments: {},
}


# ---------------------------------------------------------------------------------------------- execution

class Renderer:
    def __init__(self, defines, root):
        self.defines = defines
        self.root = root

    def execute(self, nodes, dot, scopes):
        output = []
        for node in nodes:
            kind = node[0]
            if kind == "text":
                output.append(node[1])
            elif kind == "action":
                variable, assign, commands = node[1]
                value = self.pipeline(node[1], dot, scopes)
                if variable is None:
                    output.append(to_text(value))
            elif kind in ("if", "with"):
                _, branches, otherwise = node
                for condition, body in branches:
                    inner = [{}] + scopes
                    value = self.pipeline(condition, dot, inner)
                    if truth(value):
                        output.append(self.execute(body, value if kind == "with" else dot, inner))
                        break
                else:
                    if otherwise is not None:
                        output.append(self.execute(otherwise, dot, [{}] + scopes))
            elif kind == "range":
                _, variables, pipeline, body, otherwise = node
                collection = self.pipeline(pipeline, dot, scopes)
                items = sorted(collection.items()) if isinstance(collection, dict) else list(enumerate(collection or []))
                if not items and otherwise is not None:
                    output.append(self.execute(otherwise, dot, [{}] + scopes))
                for key, value in items:
                    scope = {}
                    if len(variables) == 1:
                        scope[variables[0]] = value
                    elif len(variables) == 2:
                        scope[variables[0]], scope[variables[1]] = key, value
                    output.append(self.execute(body, value, [scope] + scopes))
            elif kind == "template":
                data = self.pipeline(node[2], dot, scopes) if node[2] else None
                output.append(self.include(node[1], data))
        return "".join(output)

    def include(self, name, data):
        if name not in self.defines:
            raise TemplateError(f'no template "{name}"')
        return self.execute(self.defines[name], data, [{"$": data}])

    def pipeline(self, pipeline, dot, scopes):
        variable, assign, commands = pipeline
        value, has_value = None, False
        for command in commands:
            value = self.command(command, dot, scopes, value if has_value else _NOTHING)
            has_value = True
        if variable is not None:
            if assign:
                for scope in scopes:
                    if variable in scope:
                        scope[variable] = value
                        break
                else:
                    raise TemplateError(f"undefined variable {variable}")
            else:
                scopes[0][variable] = value
        return value

    def command(self, operands, dot, scopes, piped):
        if not operands:
            raise TemplateError("empty command")
        first_kind, first = operands[0]
        if first_kind == "ident" and first not in ("true", "false", "nil"):
            arguments = [self.operand(operand, dot, scopes) for operand in operands[1:]]
            if piped is not _NOTHING:
                arguments.append(piped)
            if first == "include":
                return self.include(arguments[0], arguments[1] if len(arguments) > 1 else None)
            if first in ("and", "or"):
                for argument in arguments:
                    if truth(argument) == (first == "or"):
                        return argument
                return arguments[-1]
            function = FUNCTIONS.get(first)
            if function is None:
                raise TemplateError(f'function "{first}" not defined (not supported by this renderer)')
            try:
                return function(*arguments)
            except TypeError as error:
                raise TemplateError(f"{first}: wrong arguments ({error})") from None
        if len(operands) > 1 or piped is not _NOTHING:
            raise TemplateError(f"can't give arguments to non-function {first}")
        return self.operand(operands[0], dot, scopes)

    def operand(self, operand, dot, scopes):
        kind, text = operand
        if kind == "literal":
            return text
        if kind == "ident":
            return {"true": True, "false": False, "nil": None}.get(text, _NOTHING)
        if kind == "pipeline":
            return self.pipeline(text, dot, scopes)
        if kind == "field":
            return self.fields(dot, [part for part in text.split(".") if part])
        if kind == "variable":
            name, *parts = text.split(".")
            for scope in scopes:
                if name in scope:
                    return self.fields(scope[name], parts)
            if name == "$":
                return self.fields(self.root, parts)
            raise TemplateError(f"undefined variable {name}")
        raise TemplateError(f"unexpected {text}")

    @staticmethod
    def fields(value, parts):
        for part in parts:
            if value is None:
                raise TemplateError(f"nil pointer evaluating interface {{}}.{part}")
            if not isinstance(value, dict):
                raise TemplateError(f"can't evaluate field {part} in type {type(value).__name__}")
            value = value.get(part)
        return value


class _Nothing:
    pass


_NOTHING = _Nothing()


# ---------------------------------------------------------------------------------------------- charts

def deep_merge(base, override):
    result = dict(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)  # Helm: a null in a values file deletes the default
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def render_chart(chart_dir, value_files=(), overrides=None, release="muninn", namespace="muninn"):
    """{template path: rendered text} for every non-helper template, in file-name order, as `helm template`."""
    with open(os.path.join(chart_dir, "Chart.yaml"), encoding="utf-8") as handle:
        chart = yaml.safe_load(handle)
    with open(os.path.join(chart_dir, "values.yaml"), encoding="utf-8") as handle:
        values = load_values(handle)
    for path in value_files:
        with open(path, encoding="utf-8") as handle:
            values = deep_merge(values, load_values(handle))
    if overrides:
        values = deep_merge(values, overrides)
    chart_name = chart["name"]
    template_dir = os.path.join(chart_dir, "templates")
    defines, bodies = {}, {}
    for file_name in sorted(os.listdir(template_dir)):
        if not (file_name.endswith(".yaml") or file_name.endswith(".tpl") or file_name.endswith(".txt")):
            continue
        with open(os.path.join(template_dir, file_name), encoding="utf-8") as handle:
            text = handle.read()
        template_name = f"{chart_name}/templates/{file_name}"
        parser = Parser(text, template_name)
        body = parser.parse()
        defines.update(parser.defines)
        defines[template_name] = body
        bodies[template_name] = body
    root = {
        "Values": helm_values(values),
        "Release": {"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": True, "IsUpgrade": False, "Revision": 1},
        "Chart": {"Name": chart_name, "Version": chart["version"], "AppVersion": chart.get("appVersion", "")},
        "Capabilities": {"KubeVersion": {"Version": "v1.35.0", "Major": "1", "Minor": "35"}},
    }
    renderer = Renderer(defines, root)
    output = {}
    for template_name, body in bodies.items():
        base = os.path.basename(template_name)
        if base.startswith("_") or base.endswith(".txt"):
            continue
        data = dict(root, Template={"Name": template_name, "BasePath": f"{chart_name}/templates"})
        renderer.root = data
        text = renderer.execute(body, data, [{"$": data}])
        if text.strip():
            output[template_name] = text
    return output


INSTALL_ORDER = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
    "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role",
    "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
    "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
]


def as_stream(rendered):
    """The `helm template` output: every document under a `# Source:` comment, in Helm's install order by kind."""
    documents = []
    for template_name, text in rendered.items():
        for document in re.split(r"(?m)^---\s*$", text):
            if document.strip():
                kind = (yaml.safe_load(document) or {}).get("kind", "")
                rank = INSTALL_ORDER.index(kind) if kind in INSTALL_ORDER else len(INSTALL_ORDER)
                documents.append((rank, template_name, f"---\n# Source: {template_name}\n{document.strip(chr(10))}\n"))
    documents.sort(key=lambda item: (item[0], item[1]))
    return "".join(document for _, _, document in documents)


def main(arguments):
    parser = argparse.ArgumentParser(description="Render a Helm chart as `helm template` does (subset; see the module doc).")
    parser.add_argument("chart")
    parser.add_argument("-f", "--values", action="append", default=[])
    parser.add_argument("--release", default="muninn")
    parser.add_argument("--namespace", default="muninn")
    options = parser.parse_args(arguments)
    try:
        rendered = render_chart(options.chart, options.values, release=options.release, namespace=options.namespace)
    except TemplateError as error:
        print(f"Error: execution error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(as_stream(rendered))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
