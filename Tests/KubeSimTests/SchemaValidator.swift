import Foundation
import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import MuninnTesting
import Testing
@testable import KubeSim

/// Validates JSON the simulator emits against the real OpenAPI v3 schemas in Schemas/, with the
/// Python `openapi-schema-validator` (run through `Process`).
enum SchemaValidator {
    struct Item {
        var schemaFile: String
        var type: String
        var object: JSONValue
    }

    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas").path

    /// Problems found, one per line; empty when everything validates. The validator runs as a child process,
    /// awaited without holding a thread (``ProgramRun``).
    static func problems(_ items: [Item]) async throws -> String {
        let input: JSONValue = .array(items.map { ["schemaFile": .string($0.schemaFile), "type": .string($0.type), "object": $0.object] })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instances = directory.appendingPathComponent("instances.json")
        try Data(input.serialized()).write(to: instances)
        let outcome = try await ProgramRun.run("python3", ["-c", script, schemaDirectory, instances.path])
        let text = outcome.stdout + outcome.stderr
        return outcome.status == 0 ? "" : (text.isEmpty ? "validator exited with \(outcome.status)" : text)
    }

    private static let script = #"""
import json, sys
from openapi_schema_validator import OAS30Validator
from jsonschema import validators
schema_dir, instance_file = sys.argv[1:3]
docs = {}
original_type = OAS30Validator.VALIDATORS["type"]
def type_allowing_null(validator, types, instance, schema):
    # The apiserver writes zero times and unset pointers as null (lastProbeTime, eventTime).
    if instance is None:
        return
    yield from original_type(validator, types, instance, schema)
Validator = validators.extend(OAS30Validator, validators={"type": type_allowing_null})
errors = []
for item in json.load(open(instance_file)):
    file, type_name, instance = item["schemaFile"], item["type"], item["object"]
    if file not in docs:
        docs[file] = json.load(open(f"{schema_dir}/{file}"))
    schema = {"$ref": f"#/components/schemas/{type_name}", "components": docs[file]["components"]}
    for error in Validator(schema).iter_errors(instance):
        errors.append(f"{type_name} {list(error.absolute_path)}: {error.message[:200]}")
print("\n".join(errors))
sys.exit(1 if errors else 0)
"""#
}
