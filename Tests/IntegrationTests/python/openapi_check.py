"""Validates Kubernetes objects against the real OpenAPI v3 schemas.

Usage: openapi_check.py SCHEMA_DIR FILE...   (each FILE holds one object, a list, or a watch stream of
JSON lines). Prints one line per problem and exits 1 if any object does not validate.
"""
import json
import os
import sys

from openapi_schema_validator import OAS30Validator, oas30_format_checker

KINDS = {
    ("v1", "Pod"): ("api__v1_openapi.json", "io.k8s.api.core.v1.Pod"),
    ("v1", "PodList"): ("api__v1_openapi.json", "io.k8s.api.core.v1.PodList"),
    ("v1", "Event"): ("api__v1_openapi.json", "io.k8s.api.core.v1.Event"),
    ("v1", "EventList"): ("api__v1_openapi.json", "io.k8s.api.core.v1.EventList"),
    ("v1", "Node"): ("api__v1_openapi.json", "io.k8s.api.core.v1.Node"),
    ("v1", "NodeList"): ("api__v1_openapi.json", "io.k8s.api.core.v1.NodeList"),
    ("v1", "Namespace"): ("api__v1_openapi.json", "io.k8s.api.core.v1.Namespace"),
    ("v1", "NamespaceList"): ("api__v1_openapi.json", "io.k8s.api.core.v1.NamespaceList"),
    ("v1", "ConfigMap"): ("api__v1_openapi.json", "io.k8s.api.core.v1.ConfigMap"),
    ("v1", "Status"): ("api__v1_openapi.json", "io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
    ("apps/v1", "Deployment"): ("apis__apps__v1_openapi.json", "io.k8s.api.apps.v1.Deployment"),
    ("apps/v1", "DeploymentList"): ("apis__apps__v1_openapi.json", "io.k8s.api.apps.v1.DeploymentList"),
    ("apps/v1", "ReplicaSet"): ("apis__apps__v1_openapi.json", "io.k8s.api.apps.v1.ReplicaSet"),
    ("apps/v1", "ReplicaSetList"): ("apis__apps__v1_openapi.json", "io.k8s.api.apps.v1.ReplicaSetList"),
    ("coordination.k8s.io/v1", "Lease"): ("apis__coordination.k8s.io__v1_openapi.json", "io.k8s.api.coordination.v1.Lease"),
    ("coordination.k8s.io/v1", "LeaseList"): ("apis__coordination.k8s.io__v1_openapi.json", "io.k8s.api.coordination.v1.LeaseList"),
    ("events.k8s.io/v1", "Event"): ("apis__events.k8s.io__v1_openapi.json", "io.k8s.api.events.v1.Event"),
    ("events.k8s.io/v1", "EventList"): ("apis__events.k8s.io__v1_openapi.json", "io.k8s.api.events.v1.EventList"),
}

_validators = {}


def validator_for(schema_dir, api_version, kind):
    key = (api_version, kind)
    if key not in KINDS:
        return None
    if key not in _validators:
        file_name, schema_name = KINDS[key]
        with open(os.path.join(schema_dir, file_name)) as f:
            spec = json.load(f)
        components = spec["components"]
        # Go serialises a zero metav1.Time/MicroTime as null (real servers send `lastProbeTime: null`,
        # `eventTime: null`), which the published schema does not say; accept exactly that.
        for time_schema in ("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"):
            if time_schema in components["schemas"]:
                components["schemas"][time_schema]["nullable"] = True
        schema = {"$ref": "#/components/schemas/" + schema_name, "components": components}
        _validators[key] = OAS30Validator(schema, format_checker=oas30_format_checker)
    return _validators[key]


def objects_in(text):
    text = text.strip()
    if not text:
        return []
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def check(schema_dir, obj, where, problems, counts):
    if "type" in obj and "object" in obj and "kind" not in obj:  # a watch event
        if obj["type"] == "BOOKMARK":
            return
        obj = obj["object"]
    validator = validator_for(schema_dir, obj.get("apiVersion"), obj.get("kind"))
    if validator is None:
        problems.append(f"{where}: no schema for {obj.get('apiVersion')} {obj.get('kind')}")
        return
    counts[obj.get("kind")] = counts.get(obj.get("kind"), 0) + 1
    for error in validator.iter_errors(obj):
        path = "/".join(str(p) for p in error.absolute_path)
        problems.append(f"{where}: {obj.get('kind')} {path}: {error.message[:300]}")


def main():
    schema_dir, files = sys.argv[1], sys.argv[2:]
    problems, counts = [], {}
    for file_name in files:
        with open(file_name, encoding="utf-8") as f:
            for obj in objects_in(f.read()):
                check(schema_dir, obj, os.path.basename(file_name), problems, counts)
    for problem in problems:
        print(problem)
    print("validated " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
