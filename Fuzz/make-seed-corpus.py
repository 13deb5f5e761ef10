#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into Fuzz/corpus/TARGET/ from real examples: the Kubernetes API
fixtures, the YAML and TOML blocks of docs/, the replaced tools' environment and rules, and typical crash logs.
Run once; libFuzzer adds what it finds to the same directories (scripts/fuzz.sh --merge keeps them small)."""
import base64, hashlib, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
FIXTURES = os.path.join(ROOT, "Tests", "KubeAPITests", "Fixtures")


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def fixtures(prefix):
    for name in sorted(os.listdir(FIXTURES)):
        if name.startswith(prefix) and name.endswith(".json"):
            with open(os.path.join(FIXTURES, name), "rb") as f:
                yield json.loads(f.read())


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def code_blocks(language):
    for name in sorted(os.listdir(os.path.join(ROOT, "docs"))):
        if name.endswith(".md"):
            text = open(os.path.join(ROOT, "docs", name), encoding="utf-8").read()
            yield from re.findall(r"```" + language + r"\n(.*?)```", text, re.S)


pods = list(fixtures("pod-"))
others = list(fixtures("event")) + list(fixtures("lease"))

# json: every fixture, compact and pretty, and the awkward corners of the grammar.
for value in pods + others:
    write("json", compact(value))
write("json", json.dumps(pods[0], indent=2))
for text in ['{"a":[1,-0,1.5e300,-9223372036854775808,9223372036854775807,18446744073709551616]}',
             '"\\ud83d\\ude00\\u00e9\\n\\/"', '[[[[[]]]]]', 'null', '{"a":1,"a":2}', '1e-400', '{"k":"\\u0000"}']:
    write("json", text)

# fast-pod: pods as the API serves them, and a few with wrongly typed fields.
for pod in pods:
    write("fast-pod", compact(pod))
write("fast-pod", '{"metadata":{"name":"p"},"status":{"containerStatuses":"oops"}}')
write("fast-pod", '{"metadata":null,"status":{"containerStatuses":[{"name":"a","restartCount":"3","lastState":{"terminated":{}}}]}}')
write("fast-pod", '{"metadata":{"name":"p"},"status":{"containerStatuses":[{"name":"a","restartCount":-1},{"restartCount":99999999999999999999}]}}')

# watch-stream: four parameter bytes (three chunk sizes, the line limit), then a watch body.
def watch(kinds, pod, tail=b"", crlf=False):
    lines = []
    for kind in kinds:
        if kind == "BOOKMARK":
            lines.append(compact({"type": "BOOKMARK", "object": {"kind": "Pod", "apiVersion": "v1", "metadata": {"resourceVersion": "12345"}}}))
        elif kind == "ERROR":
            lines.append(compact({"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "too old resource version", "reason": "Expired", "code": 410}}))
        else:
            lines.append(compact({"type": kind, "object": pod}))
    newline = "\r\n" if crlf else "\n"
    return (newline.join(lines) + newline).encode() + tail

for index, pod in enumerate(pods):
    write("watch-stream", bytes([7, 13, 31, 255]) + watch(["ADDED", "MODIFIED", "BOOKMARK", "DELETED"], pod))
write("watch-stream", bytes([1, 2, 3, 255]) + watch(["ADDED", "ERROR"], pods[1], crlf=True))
write("watch-stream", bytes([5, 5, 5, 255]) + watch(["ADDED"], pods[2], tail=b'{"type":"MODIFIED","object":{"metadata":{"na'))
write("watch-stream", bytes([3, 9, 27, 4]) + b'{"type":"ADDED","object":{"metadata":{"name":"p"}}}\n\n  \n{"object":{},"type":"ADDED"}\n')

# kubeconfig: the shapes kubectl users have.
pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZmFrZQ==\n-----END CERTIFICATE-----\n"
ca = base64.b64encode(pem.encode()).decode()
key = base64.b64encode(b"-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n").decode()
kubeconfigs = [
    f"""apiVersion: v1
kind: Config
current-context: kind-dev
clusters:
- name: kind-dev
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: {ca}
    tls-server-name: kubernetes
contexts:
- name: kind-dev
  context: {{cluster: kind-dev, user: kind-dev, namespace: apps}}
users:
- name: kind-dev
  user:
    client-certificate-data: {ca}
    client-key-data: {key}
""",
    """apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster: {server: "https://kube.example.com:443/k8s/clusters/c-1", insecure-skip-tls-verify: true, proxy-url: "socks5://127.0.0.1:1080"}
contexts:
- {name: prod, context: {cluster: prod, user: token}}
users:
- {name: token, user: {token: abc.def.ghi}}
""",
    """apiVersion: v1
kind: Config
current-context: eks
clusters:
- name: eks
  cluster: {server: https://ABC.gr7.eu-west-1.eks.amazonaws.com}
contexts:
- name: eks
  context: {cluster: eks, user: aws}
users:
- name: aws
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
      env: [{name: AWS_PROFILE, value: prod}]
      provideClusterInfo: true
      interactiveMode: Never
""",
    """apiVersion: v1
clusters: []
contexts: []
users:
- name: basic
  user: {username: admin, password: secret, auth-provider: {name: gcp}}
""",
]
for text in kubeconfigs:
    write("kubeconfig", text)

# config-yaml: every YAML block of the documentation, and the example file.
for block in code_blocks("yaml"):
    write("config-yaml", block)
write("config-yaml", open(os.path.join(ROOT, "docs", "examples", "muninn.yaml"), encoding="utf-8").read())

# kwatchman-toml: the TOML blocks of docs/changes.md and kwatchman's own example.
for block in code_blocks("toml"):
    write("kwatchman-toml", block)
write("kwatchman-toml", """[[resource]]
kind = "deployment"
[[resource]]
kind = "Service"
[[handler]]
name = "ignoreEvents"
events = ["Delete"]
[[handler]]
name = "diff"
[[handler]]
name = "slack"
webhookURL = "https://hooks.slack.com/services/T/B/X"
clusterName = "prod"
""")

# environment: each replaced tool's deployment, as KEY=VALUE lines.
environments = [
    "SLACK_TOKEN=xoxb-1-2-abc\nSLACK_NOTIFICATION_CONFIG=prod/*/*=alerts,*/*/*=,kube-system/*/*=ops\n",
    "SLACK_TOKEN=xoxb-1\nSLACK_CHANNEL=#crashes\nCLUSTER_NAME=prod\nMAX_CRASHLOG_LENGTH=2000\nCHECK_INTERVAL=30\n"
    "ELASTICSEARCH_URL=es.example.com\nELASTICSEARCH_PORT=9200\nELASTICSEARCH_SCHEME=https\nELASTICSEARCH_INDEX=k8s-crash-monitor-\n",
    "DINGTALK_TOKEN=0123456789abcdef\nDINGTALK_SECRET=SECabc\nFLOOD_EXPIRE=60000\nNOT_READY_MIN_TIME=60000\nRECOVERY_ALERT=true\n"
    'KUBE_NAMESPACES_ONLY=["default","apps"]\nTICK_RATE=15000\nKUBE_USE_KUBECONFIG=false\nKUBE_USE_CLUSTER=true\n',
    "MUNINN_CLUSTER_NAME=dev\nMUNINN_STORE_DSN=postgres://muninn:pw@db:5432/muninn?sslmode=verify-full\nMUNINN_LEADER_ELECTION=yes\n"
    "MUNINN_NAMESPACES=a, b ,c\nMUNINN_LOG_LEVEL=debug\nMUNINN_LOG_FORMAT=json\nMUNINN_STORE_PATH=/data/muninn.db\n",
    "KW_KUBECONFIG=/nonexistent/kubeconfig\nKW_NAMESPACE=apps\nKW_LABEL_SELECTOR=app=web\n",
]
for text in environments:
    write("environment", text)

# routing-rules: johari-mirror's table, then a namespace/pod/container to route.
for text in ["prod/*/*=alerts,*/*/*=\nprod/web-1/app", "kube-system/coredns-*/coredns=ops, */*/istio-proxy=,*/*/*=general\nkube-system/coredns-5d78c9869d-abcde/coredns",
             "a/b/c/d=x=y\na/b/c/d", "*/*?-*/?*=ch\ndefault/pod-1/x", "**/*a*a*a*a*a*b/*=c\n" + "a" * 60 + "/" + "a" * 60 + "/c"]:
    write("routing-rules", text)

# log-text: two parameter bytes (size and line caps), then a log as a container writes it.
logs = [
    b"Exception in thread \"main\" java.lang.NullPointerException\n\tat com.example.App.main(App.java:14)\n",
    b"panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\nexit status 2\n",
    b"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc\nAKIAABCDEFGHIJKLMNOP\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n",
    b"<!here> <@U123> *bold* _it_ `code` ```fence``` [link](http://x) @all &amp; <b>x</b>\n",
    b"\xff\xfe invalid \xc3\x28 utf8 \xe2\x82 cut\x00\x1b[31mred\x1b[0m\r\n\u202e".replace(b"\\u202e", "\u202e".encode()),
    "日本語のログ 😀 e\u0301\n".encode() * 20,
]
for log in logs:
    write("log-text", bytes([16, 10]) + log)
    write("log-text", bytes([1, 2]) + log)
