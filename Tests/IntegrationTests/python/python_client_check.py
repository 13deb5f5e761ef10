"""Drives the official Kubernetes Python client against a cluster (the simulator in tests).

Usage: python_client_check.py KUBECONFIG NAMESPACE CRASHED_POD CONTAINER HEALTHY_POD OUT_DIR
Prints one JSON object with what the client saw; the Swift test asserts on it. Raw responses are
written to OUT_DIR for OpenAPI validation.
"""
import json
import os
import sys

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def main():
    kubeconfig, namespace, crashed_pod, container, healthy_pod, out_dir = sys.argv[1:7]
    config.load_kube_config(config_file=kubeconfig)
    v1 = client.CoreV1Api()
    result = {}

    # Paginated list across all namespaces, as informers do.
    names, token, pages, first_rv = [], None, 0, None
    while True:
        page = v1.list_pod_for_all_namespaces(limit=2, _continue=token) if token else v1.list_pod_for_all_namespaces(limit=2)
        pages += 1
        first_rv = first_rv or page.metadata.resource_version
        names += [f"{p.metadata.namespace}/{p.metadata.name}" for p in page.items]
        token = page.metadata._continue
        if not token:
            break
    result["listed"] = sorted(names)
    result["pages"] = pages
    result["list_resource_version"] = first_rv

    # Typed view of the crashed pod: lastState.terminated must decode.
    pod = v1.read_namespaced_pod(crashed_pod, namespace)
    statuses = {s.name: s for s in (pod.status.container_statuses or [])}
    status = statuses[container]
    terminated = status.last_state.terminated if status.last_state else None
    result["restart_count"] = status.restart_count
    result["last_terminated"] = None if terminated is None else {
        "reason": terminated.reason, "exit_code": terminated.exit_code,
        "finished_at": terminated.finished_at.isoformat() if terminated.finished_at else None,
    }

    # Raw bytes for schema validation.
    raw = v1.list_pod_for_all_namespaces(_preload_content=False)
    with open(os.path.join(out_dir, "python-podlist.json"), "wb") as f:
        f.write(raw.data)
    raw_events = v1.list_namespaced_event(namespace, _preload_content=False)
    with open(os.path.join(out_dir, "python-eventlist.json"), "wb") as f:
        f.write(raw_events.data)

    # Watch from the list's resourceVersion; a pod created now must arrive as ADDED.
    created_name = "python-created"
    v1.create_namespaced_pod(namespace, {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": created_name, "labels": {"app": "python"}},
        "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]},
    })
    seen = []
    w = watch.Watch()
    for event in w.stream(v1.list_namespaced_pod, namespace, resource_version=first_rv, timeout_seconds=10):
        seen.append((event["type"], event["object"].metadata.name))
        if event["object"].metadata.name == created_name:
            w.stop()
    result["watched"] = seen

    # Logs: the previous instance, a tail of it, and the kubelet's error for a running pod without one.
    result["previous_log"] = v1.read_namespaced_pod_log(crashed_pod, namespace, container=container, previous=True)
    result["previous_log_tail1"] = v1.read_namespaced_pod_log(crashed_pod, namespace, container=container, previous=True, tail_lines=1)
    try:
        v1.read_namespaced_pod_log(healthy_pod, namespace, previous=True)
        result["missing_previous"] = None
    except ApiException as error:
        result["missing_previous"] = {"status": error.status, "message": json.loads(error.body).get("message")}

    # A missing object is a 404 Status the client can read.
    try:
        v1.read_namespaced_pod("does-not-exist", namespace)
        result["not_found"] = None
    except ApiException as error:
        result["not_found"] = {"status": error.status, "reason": json.loads(error.body).get("reason")}

    print(json.dumps(result))


if __name__ == "__main__":
    main()
