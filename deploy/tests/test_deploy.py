"""The install's tests: plain manifests and the Helm chart (rendered with several value sets) validated against the
Kubernetes OpenAPI schemas, accepted by `kubectl apply --dry-run=server` against Muninn's simulator, and their
configuration accepted by `muninn check-config`. Run by scripts/test.sh after the build:

    python3 -m unittest discover -s deploy/tests -v

MUNINN_BINARY names the muninn executable (default: .build/debug/muninn).
"""
import copy
import glob
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "deploy", "tools"))

import helm_render  # noqa: E402
from k8s_schema import SchemaSet  # noqa: E402

DEPLOY = os.path.join(REPO, "deploy")
CHART = os.path.join(DEPLOY, "helm", "muninn")
VALUE_SETS = sorted(glob.glob(os.path.join(CHART, "ci", "*.yaml")))
PLAIN = sorted(glob.glob(os.path.join(DEPLOY, "manifests", "*.yaml"))) + [os.path.join(DEPLOY, "secret.example.yaml")]
SCHEMAS = SchemaSet()


def load_all(path):
    with open(path, encoding="utf-8") as handle:
        return [document for document in yaml.safe_load_all(handle) if document]


def render(value_file=None, overrides=None):
    """The chart's objects for one value set."""
    rendered = helm_render.render_chart(CHART, [value_file] if value_file else [], overrides=overrides)
    return [document for document in yaml.safe_load_all(helm_render.as_stream(rendered)) if document]


def muninn_binary():
    path = os.environ.get("MUNINN_BINARY", os.path.join(REPO, ".build", "debug", "muninn"))
    if not os.access(path, os.X_OK):
        raise AssertionError(f"{path} is missing: build first (scripts/test.sh does), or set MUNINN_BINARY")
    return path


class PlainManifestTests(unittest.TestCase):
    def test_every_plain_manifest_matches_the_openapi_schemas(self):
        kinds = []
        for path in PLAIN:
            for manifest in load_all(path):
                kinds.append(manifest["kind"])
                self.assertEqual(SCHEMAS.validate(manifest), [], path)
        for kind in ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "ConfigMap",
                     "Secret", "PersistentVolumeClaim", "Deployment", "Service"]:
            self.assertIn(kind, kinds)

    def test_the_deployment_runs_locked_down(self):
        deployment = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "Deployment")
        self.assert_locked_down(self, deployment)

    @staticmethod
    def assert_locked_down(test, deployment):
        pod = deployment["spec"]["template"]["spec"]
        test.assertTrue(pod["securityContext"]["runAsNonRoot"])
        test.assertGreater(pod["securityContext"]["runAsUser"], 0)
        test.assertEqual(pod["securityContext"]["seccompProfile"]["type"], "RuntimeDefault")
        for container in pod["containers"]:
            context = container["securityContext"]
            test.assertTrue(context["readOnlyRootFilesystem"])
            test.assertFalse(context["allowPrivilegeEscalation"])
            test.assertEqual(context["capabilities"]["drop"], ["ALL"])
            test.assertIn("memory", container["resources"]["limits"])
            test.assertEqual(container["livenessProbe"]["httpGet"]["path"], "/healthz")
            test.assertEqual(container["readinessProbe"]["httpGet"]["path"], "/readyz")

    def test_least_privilege_reads_only_what_muninn_reads(self):
        role = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "ClusterRole")
        verbs = {verb for rule in role["rules"] for verb in rule["verbs"]}
        self.assertEqual(verbs, {"get", "list", "watch"})
        resources = {(group, resource) for rule in role["rules"] for group in rule["apiGroups"] for resource in rule["resources"]}
        self.assertNotIn(("", "secrets"), resources)
        self.assertIn(("", "pods/log"), resources)
        # Every workload kind the owner chain resolves (Sources/Muninn/Wiring/KubeClusterReader.swift) is readable.
        with open(os.path.join(REPO, "Sources", "Muninn", "Wiring", "KubeClusterReader.swift"), encoding="utf-8") as handle:
            reader = handle.read()
        plural = {"replicaSets": "replicasets", "jobs": "jobs", "deployments": "deployments", "statefulSets": "statefulsets",
                  "daemonSets": "daemonsets", "cronJobs": "cronjobs"}
        for case in re.findall(r'case "\w+": \.(\w+)', reader):
            self.assertTrue(any(resource == plural[case] for _, resource in resources), case)

    def test_the_chart_grants_what_the_plain_manifests_grant(self):
        plain = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "ClusterRole")["rules"]
        chart = next(m for m in render() if m["kind"] == "ClusterRole")["rules"]
        self.assertEqual(chart, plain)
        plain_lease = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "Role")["rules"]
        self.assertEqual(next(m for m in render() if m["kind"] == "Role")["rules"], plain_lease)

    def test_the_image_user_is_the_manifests_user(self):
        with open(os.path.join(REPO, "Dockerfile"), encoding="utf-8") as handle:
            dockerfile = handle.read()
        self.assertIn("--static-swift-stdlib", dockerfile)
        self.assertEqual(len(re.findall(r"(?m)^FROM ", dockerfile)), 2)
        user = re.search(r"(?m)^USER (\d+):(\d+)$", dockerfile)
        self.assertIsNotNone(user, "USER must be numeric so runAsNonRoot can be verified")
        deployment = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "Deployment")
        self.assertEqual(str(deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"]), user.group(1))


class BrokenManifestTests(unittest.TestCase):
    """The validator must reject what the apiserver rejects, or its silence would prove nothing."""

    def deployment(self):
        return copy.deepcopy(next(m for path in PLAIN for m in load_all(path) if m["kind"] == "Deployment"))

    def assert_rejected(self, manifest, fragment):
        problems = SCHEMAS.validate(manifest)
        self.assertTrue(any(fragment in problem for problem in problems), f"expected a problem with {fragment!r}, got {problems}")

    def test_unknown_field(self):
        manifest = self.deployment()
        manifest["spec"]["template"]["spec"]["containers"][0]["securityContxt"] = {}
        self.assert_rejected(manifest, 'unknown field "spec.template.spec.containers[0].securityContxt"')

    def test_wrong_type(self):
        manifest = self.deployment()
        manifest["spec"]["replicas"] = "one"
        self.assert_rejected(manifest, "spec.replicas: expected integer")

    def test_missing_required_field(self):
        manifest = self.deployment()
        del manifest["spec"]["template"]["spec"]["containers"][0]["name"]
        self.assert_rejected(manifest, "spec.template.spec.containers[0].name: Required value")
        binding = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "ClusterRoleBinding")
        del binding["roleRef"]
        self.assert_rejected(binding, "roleRef: Required value")

    def test_out_of_range_integer_bad_quantity_and_base64(self):
        manifest = self.deployment()
        manifest["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = 2**40
        self.assert_rejected(manifest, "out of range for int32")
        secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"token": "not base64!"}}
        self.assert_rejected(secret, "data.token: not valid base64")
        claim = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c"},
                 "spec": {"resources": {"requests": {"storage": ["2Gi"]}}}}
        self.assert_rejected(claim, "spec.resources.requests.storage")

    def test_unknown_kind_and_missing_name(self):
        self.assert_rejected({"apiVersion": "apps/v1", "kind": "Deploymnet", "metadata": {"name": "x"}}, "no schema for apps/v1 Deploymnet")
        self.assert_rejected({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}, "metadata.name: Required value")


class ChartTests(unittest.TestCase):
    def test_value_sets_exist(self):
        self.assertGreaterEqual(len(VALUE_SETS), 4)

    def test_every_value_set_renders_valid_manifests(self):
        for value_file in VALUE_SETS:
            with self.subTest(values=os.path.basename(value_file)):
                manifests = render(value_file)
                self.assertTrue(manifests)
                for manifest in manifests:
                    self.assertEqual(SCHEMAS.validate(manifest), [])
                deployment = next(m for m in manifests if m["kind"] == "Deployment")
                if any(m["kind"] == "Service" for m in manifests):
                    PlainManifestTests.assert_locked_down(self, deployment)

    def test_defaults_are_one_replica_on_sqlite_with_a_claim_and_a_budget(self):
        manifests = {m["kind"]: m for m in render()}
        self.assertEqual(manifests["Deployment"]["spec"]["replicas"], 1)
        self.assertEqual(manifests["Deployment"]["spec"]["strategy"]["type"], "Recreate")
        self.assertIn("PersistentVolumeClaim", manifests)
        self.assertIn("PodDisruptionBudget", manifests)
        self.assertNotIn("ServiceMonitor", manifests)
        self.assertIn("dashboard-token", manifests["Secret"]["data"])

    def test_high_availability_needs_postgres(self):
        with self.assertRaises(helm_render.TemplateError) as refused:
            render(overrides={"replicaCount": 2})
        self.assertIn("replicaCount > 1 needs the PostgreSQL store", str(refused.exception))
        manifests = {m["kind"]: m for m in render(os.path.join(CHART, "ci", "ha-postgres-values.yaml"))}
        self.assertEqual(manifests["Deployment"]["spec"]["replicas"], 3)
        self.assertEqual(manifests["Deployment"]["spec"]["strategy"]["type"], "RollingUpdate")
        self.assertNotIn("PersistentVolumeClaim", manifests)
        self.assertNotIn("Secret", manifests)
        self.assertEqual(manifests["PodDisruptionBudget"]["spec"], {
            "minAvailable": 2, "selector": manifests["Deployment"]["spec"]["selector"]})
        monitor = manifests["ServiceMonitor"]["spec"]["endpoints"][0]
        self.assertEqual(monitor["authorization"]["credentials"], {"name": "muninn-credentials", "key": "metrics-token"})
        self.assertEqual(manifests["Deployment"]["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"], 9090)

    def test_a_loopback_dashboard_is_refused(self):
        with self.assertRaises(helm_render.TemplateError) as refused:
            render(overrides={"config": {"dashboard": {"listen": "127.0.0.1:8080"}}})
        self.assertIn("loopback", str(refused.exception))

    def test_values_document_every_configuration_key(self):
        with open(os.path.join(REPO, "Sources", "Muninn", "Configuration", "MuninnConfiguration.swift"), encoding="utf-8") as handle:
            source = handle.read()
        keys = re.findall(r'"(\w+)"', source[source.index("static let topLevelKeys"):source.index("]", source.index("static let topLevelKeys"))])
        self.assertIn("dashboard", keys)
        with open(os.path.join(CHART, "values.yaml"), encoding="utf-8") as handle:
            values = handle.read()
        config = values[values.index("\nconfig:"):values.index("\ncredentials:")]
        for key in keys:
            self.assertRegex(config, rf"(?m)^  #? ?{key}:", f"config.{key} is not documented in values.yaml")

    def test_config_renders_into_the_configmap_unchanged(self):
        value_file = os.path.join(CHART, "ci", "slack-values.yaml")
        configmap = next(m for m in render(value_file) if m["kind"] == "ConfigMap")
        rendered = yaml.safe_load(configmap["data"]["muninn.yaml"])
        with open(value_file, encoding="utf-8") as handle:
            given = helm_render.load_values(handle)["config"]
        self.assertEqual(rendered["destinations"], given["destinations"])
        self.assertEqual(rendered["routes"], given["routes"])
        self.assertEqual(rendered["mutes"][1]["until"], "2026-12-31")


class RendererTests(unittest.TestCase):
    def render_text(self, template, values=None):
        directory = tempfile.mkdtemp()
        try:
            os.makedirs(os.path.join(directory, "templates"))
            with open(os.path.join(directory, "Chart.yaml"), "w") as handle:
                handle.write("apiVersion: v2\nname: t\nversion: 1.0.0\n")
            with open(os.path.join(directory, "values.yaml"), "w") as handle:
                yaml.safe_dump(values or {}, handle)
            with open(os.path.join(directory, "templates", "t.yaml"), "w") as handle:
                handle.write(template)
            return helm_render.render_chart(directory).get("t/templates/t.yaml", "")
        finally:
            shutil.rmtree(directory)

    def test_go_template_semantics(self):
        self.assertEqual(self.render_text("a: {{- 1 }}\nb:  {{ 2 -}}  \n c"), "a:1\nb:  2c")
        self.assertEqual(self.render_text("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", {"m": {"b": 2, "a": 1}}), "a=1;b=2;")
        self.assertEqual(self.render_text("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"), "2")
        self.assertEqual(self.render_text("{{ .Values.big }} {{ int .Values.big }}", {"big": 1073741824}), "1.073741824e+09 1073741824")
        self.assertEqual(self.render_text("{{ .Values.missing }}|{{ default \"d\" .Values.missing }}|{{ or 0 \"\" \"x\" }}"), "|d|x")
        self.assertEqual(self.render_text("{{ toYaml .Values.m | nindent 2 }}", {"m": {"b": [1], "a": "#c"}}), "\n  a: '#c'\n  b:\n  - 1")

    def test_what_helm_refuses_is_refused(self):
        for template, message in [
            ("{{ .Values.a.b }}", "nil pointer"),
            ("{{ nosuch 1 }}", 'function "nosuch" not defined'),
            ('{{ required "give x" .Values.x }}', "give x"),
            ('{{ fail "no" }}', "no"),
            ("{{ if true }}", "without end"),
        ]:
            with self.subTest(template=template):
                with self.assertRaises(helm_render.TemplateError) as refused:
                    self.render_text(template)
                self.assertIn(message, str(refused.exception))


class SlackAppManifestTests(unittest.TestCase):
    SCOPES = {
        "chat.postMessage": {"chat:write"},
        "conversations.list": {"channels:read", "groups:read"},
        "files.getUploadURLExternal": {"files:write"},
        "files.completeUploadExternal": {"files:write"},
    }

    def test_scopes_are_exactly_those_of_the_methods_muninn_calls(self):
        methods = set()
        for path in glob.glob(os.path.join(REPO, "Sources", "MuninnNotifiers", "Slack", "*.swift")):
            with open(path, encoding="utf-8") as handle:
                methods |= set(re.findall(r'api\.call\("([\w.]+)"', handle.read()))
        unknown = methods - set(self.SCOPES)
        self.assertEqual(unknown, set(), "a Slack method without a known scope: add it here and to deploy/slack-app-manifest.yaml")
        with open(os.path.join(DEPLOY, "slack-app-manifest.yaml"), encoding="utf-8") as handle:
            manifest = yaml.safe_load(handle)
        granted = set(manifest["oauth_config"]["scopes"]["bot"])
        self.assertEqual(granted, set().union(*(self.SCOPES[method] for method in methods)))


class CheckConfigTests(unittest.TestCase):
    """Every configuration the install ships is one `muninn run` accepts."""

    def check(self, text, secret_keys):
        directory = tempfile.mkdtemp()
        try:
            secrets_dir = os.path.join(directory, "secrets")
            os.makedirs(secrets_dir)
            for key in secret_keys:
                with open(os.path.join(secrets_dir, key), "w") as handle:
                    handle.write(SECRET_SAMPLES.get(key, "sample-secret-value"))
            config = os.path.join(directory, "muninn.yaml")
            with open(config, "w") as handle:
                handle.write(text.replace("/etc/muninn/secrets/", secrets_dir + "/").replace("/var/lib/muninn/", directory + "/"))
            kubeconfig = os.path.join(directory, "kubeconfig")
            with open(kubeconfig, "w") as handle:
                handle.write(KUBECONFIG)
            environment = {"PATH": os.environ.get("PATH", ""), "KUBECONFIG": kubeconfig, "HOME": directory}
            result = subprocess.run([muninn_binary(), "check-config", "--config", config], capture_output=True, text=True,
                                    timeout=120, env=environment)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        finally:
            shutil.rmtree(directory)

    def test_the_plain_manifests_configuration(self):
        configmap = next(m for path in PLAIN for m in load_all(path) if m["kind"] == "ConfigMap")
        secret = next(m for m in load_all(os.path.join(DEPLOY, "secret.example.yaml")))
        self.check(configmap["data"]["muninn.yaml"], secret["stringData"].keys())

    def test_every_chart_value_set(self):
        for value_file in VALUE_SETS:
            with self.subTest(values=os.path.basename(value_file)):
                configmap = next(m for m in render(value_file) if m["kind"] == "ConfigMap")
                text = configmap["data"]["muninn.yaml"]
                keys = set(re.findall(r"/etc/muninn/secrets/([\w.-]+)", text))
                self.check(text, keys)


SECRET_SAMPLES = {
    "postgres-dsn": "postgres://muninn:secret@db.example.com:5432/muninn?sslmode=verify-full",
    "dingtalk-token": "0123456789abcdef",
    "payments-webhook-url": "https://hooks.slack.com/services/T000/B000/XXXX",
}
KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: sample}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
"""


class ServerDryRunTests(unittest.TestCase):
    """`kubectl apply --dry-run=server` against `muninn sim`, as against a real API server."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.mkdtemp()
        cls.kubeconfig = os.path.join(cls.directory, "kubeconfig")
        cls.simulator = subprocess.Popen(
            [muninn_binary(), "sim", "--listen", "127.0.0.1:0", "--kubeconfig-out", cls.kubeconfig],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 60
        output = ""
        while "kubeconfig written to" not in output:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or cls.simulator.poll() is not None:
                cls.tearDownClass()
                raise AssertionError(f"the simulator did not start: {output}")
            ready, _, _ = select.select([cls.simulator.stdout], [], [], remaining)
            if ready:
                output += cls.simulator.stdout.readline()
        cls.kubectls = ["kubectl"] + [path for path in ["/usr/lib/google-cloud-sdk/bin/kubectl.1.33"] if os.access(path, os.X_OK)]
        # As on a real cluster: Muninn's namespace exists before the dry run (a dry-run Namespace is not created),
        # and the prometheus-operator's CRD before a ServiceMonitor.
        cls.kubectl("kubectl", ["apply", "-f", os.path.join(DEPLOY, "manifests", "00-namespace.yaml")])
        crd = os.path.join(cls.directory, "servicemonitor-crd.yaml")
        with open(crd, "w") as handle:
            handle.write(SERVICE_MONITOR_CRD)
        cls.kubectl("kubectl", ["apply", "-f", crd])

    @classmethod
    def tearDownClass(cls):
        cls.simulator.terminate()
        try:
            cls.simulator.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cls.simulator.kill()
            cls.simulator.wait()
        shutil.rmtree(cls.directory, ignore_errors=True)

    @classmethod
    def kubectl(cls, binary, arguments):
        cache = os.path.join(cls.directory, "cache-" + os.path.basename(binary))
        result = subprocess.run([binary, "--kubeconfig", cls.kubeconfig, "--cache-dir", cache] + arguments,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(f"{binary} {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def dry_run(self, path):
        outputs = []
        for binary in self.kubectls:
            outputs.append(self.kubectl(binary, ["apply", "--dry-run=server", "-f", path]))
        return outputs

    def test_plain_manifests(self):
        for output in self.dry_run(os.path.join(DEPLOY, "manifests")):
            for expected in ["clusterrole.rbac.authorization.k8s.io/muninn created (server dry run)",
                             "deployment.apps/muninn created (server dry run)",
                             "persistentvolumeclaim/muninn-data created (server dry run)",
                             "rolebinding.rbac.authorization.k8s.io/muninn-leader-election created (server dry run)"]:
                self.assertIn(expected, output)
        self.dry_run(os.path.join(DEPLOY, "secret.example.yaml"))
        # A dry run stores nothing.
        result = subprocess.run(["kubectl", "--kubeconfig", self.kubeconfig, "get", "deployment", "muninn", "-n", "muninn"],
                                capture_output=True, text=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("NotFound", result.stderr)

    def test_rendered_chart_for_every_value_set(self):
        for value_file in VALUE_SETS:
            with self.subTest(values=os.path.basename(value_file)):
                rendered = os.path.join(self.directory, os.path.basename(value_file))
                with open(rendered, "w") as handle:
                    handle.write(helm_render.as_stream(helm_render.render_chart(CHART, [value_file])))
                for output in self.dry_run(rendered):
                    self.assertIn("created (server dry run)", output)
                    self.assertNotIn("error", output.lower())

    def test_the_server_refuses_a_broken_manifest(self):
        broken = os.path.join(self.directory, "broken.yaml")
        with open(broken, "w") as handle:
            handle.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: does-not-exist\n")
        result = subprocess.run(["kubectl", "--kubeconfig", self.kubeconfig, "apply", "--dry-run=server", "-f", broken],
                                capture_output=True, text=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('namespaces "does-not-exist" not found', result.stderr)


SERVICE_MONITOR_CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: servicemonitors.monitoring.coreos.com
spec:
  group: monitoring.coreos.com
  scope: Namespaced
  names: {plural: servicemonitors, singular: servicemonitor, kind: ServiceMonitor, listKind: ServiceMonitorList, shortNames: [smon]}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""


if __name__ == "__main__":
    unittest.main()
