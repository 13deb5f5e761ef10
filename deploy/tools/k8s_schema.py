"""Validates Kubernetes manifests against the Kubernetes OpenAPI v3 schemas.

The schemas are the kube-apiserver's own documents (Tests/KubeSimTests/Schemas, byte-identical copies of
../shared/k8s-api/openapi, Kubernetes 1.35) plus deploy/tests/schemas/ for the groups those documents do not
cover (rbac.authorization.k8s.io/v1, policy/v1, and the prometheus-operator ServiceMonitor subset the chart
emits). A manifest is checked as the apiserver's strict field validation checks it: its apiVersion/kind must
have a schema, every field must be known, of the right type and format, and required fields present.

Usage: python3 deploy/tools/k8s_schema.py FILE.yaml...   (exit 1 and one line per problem when invalid)
"""
import base64
import binascii
import glob
import json
import os
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_DIRECTORIES = [
    os.path.join(REPO, "Tests", "KubeSimTests", "Schemas"),
    os.path.join(REPO, "deploy", "tests", "schemas"),
]
INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class SchemaSet:
    """Every components.schemas definition of the documents, indexed by name and by group/version/kind."""

    def __init__(self, directories=SCHEMA_DIRECTORIES):
        self.definitions = {}
        self.by_kind = {}
        for directory in directories:
            for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
                with open(path, encoding="utf-8") as handle:
                    document = json.load(handle)
                for name, schema in document.get("components", {}).get("schemas", {}).items():
                    self.definitions.setdefault(name, schema)
                    for gvk in schema.get("x-kubernetes-group-version-kind", []):
                        api_version = gvk["version"] if not gvk["group"] else f'{gvk["group"]}/{gvk["version"]}'
                        self.by_kind.setdefault((api_version, gvk["kind"]), name)

    def schema_name(self, api_version, kind):
        return self.by_kind.get((api_version, kind))

    def validate(self, manifest):
        """The problems of one object, as 'Kind/name: path: message' strings; empty when valid."""
        if not isinstance(manifest, dict):
            return [f"not an object: {type(manifest).__name__}"]
        api_version, kind = manifest.get("apiVersion"), manifest.get("kind")
        name = (manifest.get("metadata") or {}).get("name") if isinstance(manifest.get("metadata"), dict) else None
        label = f"{kind}/{name}"
        if not api_version or not kind:
            return [f"{label}: apiVersion and kind are required"]
        schema_name = self.schema_name(api_version, kind)
        if schema_name is None:
            return [f"{label}: no schema for {api_version} {kind} (unknown kind, or a group whose schema is missing)"]
        problems = []
        if not name and not (manifest.get("metadata") or {}).get("generateName"):
            problems.append("metadata.name: Required value")
        self._check(manifest, {"$ref": "#/components/schemas/" + schema_name}, "", problems)
        return [f"{label}: {problem}" for problem in problems]

    def _resolve(self, schema):
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in self.definitions:
                raise KeyError(f"schema {name} is referenced but not defined")
            schema = self.definitions[name]
        return schema

    def _check(self, value, schema, path, problems):
        schema = self._resolve(schema)
        where = path or "(root)"
        # A null is how YAML writes "not set"; the apiserver decodes it as the zero value.
        if value is None:
            return
        for part in schema.get("allOf", []):
            self._check(value, part, path, problems)
        if "oneOf" in schema or "anyOf" in schema:
            options = schema.get("oneOf") or schema.get("anyOf")
            if not any(self._matches(value, option) for option in options):
                problems.append(f"{where}: {json.dumps(value)[:60]} matches none of {[o.get('type') for o in options]}")
            return
        if schema.get("x-kubernetes-int-or-string"):
            if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
                problems.append(f"{where}: expected an integer or a string, got {type(value).__name__}")
            return
        if schema.get("x-kubernetes-preserve-unknown-fields") and "properties" not in schema:
            return
        kind = schema.get("type")
        if kind is None and "properties" in schema:
            kind = "object"
        if kind is None and "additionalProperties" in schema:
            kind = "object"
        if kind is None:
            return  # RawExtension and friends: anything
        if not self._has_type(value, kind):
            problems.append(f"{where}: expected {kind}, got {type(value).__name__} ({json.dumps(value)[:60]})")
            return
        if "enum" in schema and value not in schema["enum"]:
            problems.append(f"{where}: Unsupported value: {json.dumps(value)}: supported values: {', '.join(map(json.dumps, schema['enum']))}")
        fmt = schema.get("format")
        if kind == "integer" and fmt in INT_RANGES:
            low, high = INT_RANGES[fmt]
            if not low <= value <= high:
                problems.append(f"{where}: {value} is out of range for {fmt}")
        if kind == "string" and fmt == "byte":
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                problems.append(f"{where}: not valid base64")
        if kind == "array":
            items = schema.get("items")
            if items is not None:
                for index, item in enumerate(value):
                    self._check(item, items, f"{path}[{index}]", problems)
        if kind == "object":
            properties = schema.get("properties")
            for required in schema.get("required", []):
                if value.get(required) is None:
                    problems.append(f"{self._join(path, required)}: Required value")
            if properties is not None:
                for key, child in value.items():
                    if key not in properties:
                        problems.append(f'{where}: unknown field "{self._join(path, key)}"')
                    else:
                        self._check(child, properties[key], self._join(path, key), problems)
            elif isinstance(schema.get("additionalProperties"), dict):
                for key, child in value.items():
                    self._check(child, schema["additionalProperties"], self._join(path, key), problems)

    def _matches(self, value, option):
        scratch = []
        self._check(value, option, "", scratch)
        return not scratch

    @staticmethod
    def _has_type(value, kind):
        if kind == "string":
            return isinstance(value, str)
        if kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if kind == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind == "boolean":
            return isinstance(value, bool)
        if kind == "array":
            return isinstance(value, list)
        if kind == "object":
            return isinstance(value, dict)
        return True

    @staticmethod
    def _join(path, key):
        return f"{path}.{key}" if path else key


def documents(text):
    """The non-empty YAML documents of a multi-document stream, parsed as the apiserver would read JSON."""
    return [document for document in yaml.safe_load_all(text) if document is not None]


def main(arguments):
    schemas = SchemaSet()
    failed = False
    for path in arguments:
        with open(path, encoding="utf-8") as handle:
            for manifest in documents(handle.read()):
                for problem in schemas.validate(manifest):
                    failed = True
                    print(f"{path}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
