/// The official Python client as a peer: `list` pages through all pods as `list_pod_for_all_namespaces`
/// returns them (typed V1Pod objects); `watch` streams from a resourceVersion with `watch.Watch().stream`.
/// Timestamps are `time.monotonic_ns()`, the harness's clock.
enum PythonPeerScript {
    static let source = #"""
    import sys, time
    from kubernetes import client, config, watch

    config.load_kube_config(config_file=sys.argv[1])
    v1 = client.CoreV1Api()
    if sys.argv[2] == "list":
        start = time.monotonic_ns()
        items, pages, token = 0, 0, None
        while True:
            page = v1.list_pod_for_all_namespaces(limit=500, _continue=token)
            items += len(page.items)
            pages += 1
            token = page.metadata._continue
            if not token:
                break
        print(f"listed {items} {pages} {start} {time.monotonic_ns()}", flush=True)
    else:
        target, seen = int(sys.argv[4]), 0
        stream = watch.Watch()
        for event in stream.stream(v1.list_pod_for_all_namespaces, resource_version=sys.argv[3], timeout_seconds=600):
            seen += 1
            now = time.monotonic_ns()
            if seen == 1:
                print(f"first 1 {now}", flush=True)
            if seen % 100 == 0 or seen == target:
                print(f"events {seen} {now}", flush=True)
            if seen >= target:
                stream.stop()
                break
    """#
}
