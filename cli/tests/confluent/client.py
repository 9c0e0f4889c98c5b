"""Drives confluent-kafka's SchemaRegistryClient against `accord serve` (URL in argv[1]).

Protobuf with a reference, Avro and JSON Schema end to end, and an AvroSerializer /
AvroDeserializer round trip through the registry. Prints ALL OK when every step passed.
"""
import sys
import warnings

warnings.filterwarnings("ignore")

from confluent_kafka.schema_registry import (  # noqa: E402
    Schema,
    SchemaReference,
    SchemaRegistryClient,
)
from confluent_kafka.schema_registry.error import SchemaRegistryError  # noqa: E402

url = sys.argv[1]
client = SchemaRegistryClient({"url": url})


def step(name):
    print("step:", name, flush=True)


DEP = 'syntax = "proto3";\npackage dep;\nmessage Money { int64 units = 1; string currency = 2; }\n'
V1 = (
    'syntax = "proto3";\npackage shop;\nimport "dep/money.proto";\n'
    "message Order { string id = 1; dep.Money total = 2; }\n"
)
V2 = (
    'syntax = "proto3";\npackage shop;\nimport "dep/money.proto";\n'
    "message Order { string id = 1; dep.Money total = 2; int32 qty = 3; }\n"
)
BAD = (
    'syntax = "proto3";\npackage shop;\nimport "dep/money.proto";\n'
    "message Order { int64 id = 1; dep.Money total = 2; }\n"
)
REFS = [SchemaReference("dep/money.proto", "money", 1)]

step("register a referenced schema and one that imports it")
dep_id = client.register_schema("money", Schema(DEP, "PROTOBUF"))
order_id = client.register_schema("orders-value", Schema(V1, "PROTOBUF", REFS))
assert dep_id != order_id
assert client.register_schema("orders-value", Schema(V1, "PROTOBUF", REFS)) == order_id

step("get by id and latest")
fresh = SchemaRegistryClient({"url": url})  # no cache
got = fresh.get_schema(order_id)
assert got.schema_str == V1 and got.schema_type == "PROTOBUF", got
assert [r.name for r in got.references] == ["dep/money.proto"], got.references
latest = fresh.get_latest_version("orders-value")
assert (latest.schema_id, latest.version) == (order_id, 1), latest
assert fresh.get_version("orders-value", 1).schema_id == order_id

step("lookup")
found = fresh.lookup_schema("orders-value", Schema(V1, "PROTOBUF", REFS))
assert (found.schema_id, found.version) == (order_id, 1), found
assert "orders-value" in fresh.get_subjects()

step("test_compatibility true and false")
assert fresh.test_compatibility("orders-value", Schema(V2, "PROTOBUF", REFS)) is True
assert fresh.test_compatibility("orders-value", Schema(BAD, "PROTOBUF", REFS)) is False

step("an incompatible registration raises 409")
try:
    fresh.register_schema("orders-value", Schema(BAD, "PROTOBUF", REFS))
    raise AssertionError("incompatible schema was registered")
except SchemaRegistryError as e:
    assert e.http_status_code == 409, e
    assert "FIELD_WIRE_JSON_COMPATIBLE_TYPE" in e.error_message, e.error_message

step("set_compatibility per subject and globally")
assert fresh.set_compatibility("orders-value", "FULL")["compatibility"] == "FULL"
assert fresh.get_compatibility("orders-value") == "FULL"
assert fresh.set_compatibility(level="NONE")["compatibility"] == "NONE"
assert fresh.get_compatibility() == "NONE"
# The subject's FULL still refuses what the global NONE would allow.
assert fresh.test_compatibility("orders-value", Schema(BAD, "PROTOBUF", REFS)) is False
v2_id = fresh.register_schema("orders-value", Schema(V2, "PROTOBUF", REFS))
assert fresh.get_versions("orders-value") == [1, 2]

step("soft and hard delete")
assert fresh.delete_version("orders-value", 2) == 2
assert fresh.get_versions("orders-value") == [1]
assert fresh.delete_version("orders-value", 2, permanent=True) == 2
try:
    fresh.delete_subject("money")
    raise AssertionError("a referenced subject was deleted")
except SchemaRegistryError as e:
    assert e.http_status_code == 422 and e.error_code == 42206, e
assert fresh.delete_subject("orders-value") == [1]
assert fresh.delete_subject("orders-value", permanent=True) == [1]
try:
    SchemaRegistryClient({"url": url}).get_latest_version("orders-value")
    raise AssertionError("deleted subject still found")
except SchemaRegistryError as e:
    assert e.http_status_code == 404 and e.error_code == 40401, e
assert fresh.delete_subject("money") == [1]

step("Avro: register, evolve compatibly, refuse a field without a default")
AVRO_V1 = '{"type":"record","name":"Payment","namespace":"shop","fields":[{"name":"id","type":"string"}]}'
AVRO_V2 = ('{"type":"record","name":"Payment","namespace":"shop","fields":[{"name":"id","type":"string"},'
           '{"name":"amount","type":"double","default":0}]}')
AVRO_BAD = ('{"type":"record","name":"Payment","namespace":"shop","fields":[{"name":"id","type":"string"},'
            '{"name":"currency","type":"string"}]}')
a1 = fresh.register_schema("payments-value", Schema(AVRO_V1, "AVRO"))
# The global level is NONE since the step above; these subjects ask for BACKWARD.
assert fresh.set_compatibility("payments-value", "BACKWARD")["compatibility"] == "BACKWARD"
assert fresh.test_compatibility("payments-value", Schema(AVRO_V2, "AVRO"))
assert not fresh.test_compatibility("payments-value", Schema(AVRO_BAD, "AVRO"))
a2 = fresh.register_schema("payments-value", Schema(AVRO_V2, "AVRO"))
assert a2 != a1
try:
    fresh.register_schema("payments-value", Schema(AVRO_BAD, "AVRO"))
    raise AssertionError("incompatible Avro schema registered")
except SchemaRegistryError as e:
    assert e.http_status_code == 409, e
    assert "READER_FIELD_MISSING_DEFAULT_VALUE" in e.error_message, e.error_message

step("JSON Schema: register, refuse a new required property")
JSON_V1 = '{"type":"object","properties":{"id":{"type":"string"}}}'
JSON_BAD = '{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}'
fresh.register_schema("events-value", Schema(JSON_V1, "JSON"))
fresh.set_compatibility("events-value", "BACKWARD")
try:
    fresh.register_schema("events-value", Schema(JSON_BAD, "JSON"))
    raise AssertionError("incompatible JSON Schema registered")
except SchemaRegistryError as e:
    assert e.http_status_code == 409, e
    assert "REQUIRED_ATTRIBUTE_ADDED" in e.error_message, e.error_message

step("AvroSerializer / AvroDeserializer round trip through the registry")
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer  # noqa: E402
from confluent_kafka.serialization import MessageField, SerializationContext  # noqa: E402

ctx = SerializationContext("payments", MessageField.VALUE)
serializer = AvroSerializer(fresh, AVRO_V2, conf={"auto.register.schemas": False, "use.latest.version": True})
record = {"id": "p-1", "amount": 12.5}
data = serializer(record, ctx)
assert data[0] == 0 and int.from_bytes(data[1:5], "big") == a2, data[:5]
back = AvroDeserializer(SchemaRegistryClient({"url": url}))(data, ctx)
assert back == record, back

print("ALL OK")
