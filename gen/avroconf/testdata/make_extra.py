#!/usr/bin/python3
"""Writes extra.jsonl: vectors in the format of the reference avro.jsonl
(internal/testutil/avrovectors/testdata, see its README) for the shapes streamc's generated Avro codecs give types that
the reference vectors do not reach: single-branch unions of records, arrays and
maps of nulls, unions in Spark's struct-of-members shape holding complex
branches, recursion through maps and member structs, records nested up to
the depth limit, int/long unions with logical branches, enum symbol tables,
decimals and timestamps in unions and collections.

Bytes come from python-avro 1.11.1's DatumWriter (Debian's python3-avro
1.11.1+dfsg-2, the reference vectors' primary reference) or are hand-assembled
where its writer cannot pick the union branch; expected values come from its
DatumReader, rendered as the README says. Where streamc follows Spark or the
specification rather than the reference, the vector says why in "note" and
ref.followed is "spark", "spec" or "streamc" (a limit of its own).

    /usr/bin/python3 make_extra.py > extra.jsonl
"""
import datetime
import decimal
import io
import json
import math
import sys
import warnings

import avro.io
import avro.schema

# local-timestamp-* is unknown to 1.11.1, which reads the long (as the README
# renders it anyway).
warnings.simplefilter("ignore")

VECTORS = []


def long_hex(n):
    """The Avro encoding of an int or long, for hand-assembled bytes."""
    z = (n << 1) ^ (n >> 63)
    out = bytearray()
    while True:
        b = z & 0x7F
        z >>= 7
        if z:
            out.append(b | 0x80)
        else:
            out.append(b)
            return out.hex()


def vec(name, group, writer, datum=None, hexs=None, reader=None, follow=None, note=None):
    """follow overrides the reference: by ("spark", "spec" or "streamc") and the
    expected value or error that streamc gives instead."""
    VECTORS.append(dict(name=name, group=group, writer=writer, datum=datum, hexs=hexs,
                        reader=reader, follow=follow, note=note))


R = {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}

# Unions of one non-null branch are the branch's own type.
vec("union_single_branch_record", "union_single", [R], {"a": 1, "b": "x"})
vec("union_single_branch_long", "union_single", ["long"], 1 << 40)
vec("union_single_branch_enum_in_array", "union_single",
    {"type": "array", "items": [{"type": "enum", "name": "E", "symbols": ["A", "B"]}]}, ["B", "A"])
vec("union_only_null", "union_single", ["null"], None)

# int/long and float/double unions are Spark's long and double: each
# branch's raw number, logical types ignored.
TS_OR_INT = [{"type": "long", "logicalType": "timestamp-millis"}, "int", "null"]
vec("union_timestamp_or_int_long_branch", "union_wide", TS_OR_INT, hexs="00" + long_hex(1715239773186),
    follow=dict(by="spark", expected=1715239773186),
    note="Spark reads an int/long union as a long whatever the branches' logical types (SchemaConverters "
         "matches the base types), so the timestamp-millis branch stays milliseconds; python renders a datetime")
vec("union_timestamp_or_int_int_branch", "union_wide", TS_OR_INT, hexs="02" + "0a")
vec("union_timestamp_or_int_null", "union_wide", TS_OR_INT, hexs="04")
vec("union_date_or_long_int_branch", "union_wide", [{"type": "int", "logicalType": "date"}, "long"], hexs="00" + long_hex(19953),
    follow=dict(by="spark", expected=19953),
    note="Spark reads an int/long union as a long whatever the branches' logical types, so the date branch stays "
         "days; python renders a date")
vec("union_float_or_double_float_branch", "union_wide", ["float", "null", "double"], hexs="00" + "cdcccc3d")
vec("union_float_or_double_double_branch", "union_wide", ["float", "null", "double"], hexs="04" + "9a9999999999b93f")
vec("union_float_or_double_nan", "union_wide", ["double", "float"], hexs="02" + "0000c07f")

# Spark's struct of members, with complex branches.
MEMBERS = ["null", {"type": "array", "items": "int"}, {"type": "map", "values": "string"},
           {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]},
           {"type": "fixed", "name": "Two", "size": 2}, R,
           {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}]
vec("union_members_array", "union_members", MEMBERS, hexs="02" + "04" + "02" + "04" + "00")
vec("union_members_map", "union_members", MEMBERS, hexs="04" + "02" + "026b" + "0276" + "00")
vec("union_members_enum", "union_members", MEMBERS, hexs="06" + "02")
vec("union_members_fixed", "union_members", MEMBERS, hexs="08" + "ff00")
vec("union_members_record", "union_members", MEMBERS, hexs="0a" + "0e" + "06616263")
vec("union_members_decimal", "union_members", MEMBERS, hexs="0c" + "04" + "fc18")
vec("union_members_null", "union_members", MEMBERS, hexs="00")
vec("array_of_union_members", "union_members", {"type": "array", "items": ["string", "int", "null"]},
    hexs="05" + "0c" + "00" + "0278" + "02" + "54" + "04" + "00")
vec("map_of_union_members", "union_members", {"type": "map", "values": ["null", "boolean", R]},
    hexs="04" + "0270" + "02" + "01" + "0271" + "04" + "02" + "0279" + "00")

# Values that take no bytes.
vec("array_of_nulls", "zero_size", {"type": "array", "items": "null"}, [None, None, None])
vec("map_of_nulls", "zero_size", {"type": "map", "values": "null"}, {"a": None, "b": None})
NULLREC = {"type": "record", "name": "N", "fields": [{"name": "z", "type": "null"}]}
vec("array_of_null_records", "zero_size", {"type": "array", "items": NULLREC}, [{"z": None}] * 3)
vec("array_of_empty_records", "zero_size", {"type": "array", "items": {"type": "record", "name": "E0", "fields": []}},
    [{}, {}])
vec("array_of_fixed0", "zero_size", {"type": "array", "items": {"type": "fixed", "name": "F0", "size": 0}}, [b"", b""])
vec("array_of_only_null_unions", "zero_size", {"type": "array", "items": ["null"]}, [None, None])

# Recursion the planner holds through pointers.
vec("recursive_through_map", "recursive",
    {"type": "record", "name": "M", "fields": [{"name": "m", "type": {"type": "map", "values": "M"}}]},
    {"m": {"a": {"m": {}}, "b": {"m": {"c": {"m": {}}}}}})
vec("recursive_through_union_members", "recursive",
    {"type": "record", "name": "T", "fields": [{"name": "k", "type": ["null", "string", "T"]}]},
    hexs="04" + "04" + "02" + "0278")
vec("mutually_recursive", "recursive",
    {"type": "record", "name": "A", "fields": [
        {"name": "b", "type": ["null", {"type": "record", "name": "B", "fields": [{"name": "a", "type": ["null", "A"]}]}]}]},
    {"b": {"a": {"b": {"a": None}}}})
vec("recursive_single_branch_union", "recursive",
    {"type": "record", "name": "L", "fields": [{"name": "v", "type": "int"},
                                                {"name": "rest", "type": {"type": "array", "items": ["L"]}}]},
    {"v": 1, "rest": [{"v": 2, "rest": []}, {"v": 3, "rest": [{"v": 4, "rest": []}]}]})

# Records nested as deeply as streamc takes them, and one deeper.
NODE = {"type": "record", "name": "Node", "fields": [{"name": "value", "type": "int"},
                                                     {"name": "next", "type": ["null", "Node"]}]}
NODE_LONG = {"type": "record", "name": "Node", "fields": [{"name": "value", "type": "long"},
                                                          {"name": "next", "type": ["null", "Node"]}]}


def linked(n):
    """The bytes of a linked list of n nodes."""
    return "".join(long_hex(i) + "02" for i in range(1, n)) + long_hex(n) + "00"


DEPTH_NOTE = ("streamc refuses records nested deeper than 1000 (internal/runtime/avroschema.MaxDepth; the wrapper record "
              "counts as the first), with or without transcoding; the specification sets no limit")
for n, ok in ((999, True), (1000, False)):
    hexs = linked(n)
    follow = None if ok else dict(by="streamc", error="records nested deeper than 1000")
    note = None if ok else DEPTH_NOTE
    vec("linked_list_%d_deep" % n, "depth", NODE, hexs=hexs, follow=follow, note=note)
    vec("evo_linked_list_%d_deep" % n, "depth", NODE, hexs=hexs, reader=NODE_LONG, follow=follow, note=note)

# A record that holds itself with nothing between has no finite datum; a
# reader that takes no bytes per level must still stop.
vec("record_holding_itself", "depth", {"type": "record", "name": "Self", "fields": [{"name": "self", "type": "Self"}]},
    hexs="", note="python 1.11.1 recurses until its recursion limit; streamc stops at internal/runtime/avroschema.MaxDepth")

# Enums: two symbol tables whose Go paths meet, one enum in several places,
# an enum with no symbols (no datum can hold it).
vec("enum_tables_same_path", "enum",
    {"type": "record", "name": "C", "fields": [
        {"name": "a", "type": {"type": "array", "items": {"type": "enum", "name": "E1", "symbols": ["X", "Y"]}}},
        {"name": "aElem", "type": {"type": "enum", "name": "E2", "symbols": ["P", "Q"]}},
        {"name": "again", "type": ["null", "E1"]}]},
    {"a": ["Y", "X"], "aElem": "Q", "again": "Y"})
vec("enum_no_symbols", "enum", {"type": "enum", "name": "Nothing", "symbols": []}, hexs="00")

# Logical types inside nullable values and collections.
vec("nullable_date_null_first", "logical_nested", ["null", {"type": "int", "logicalType": "date"}],
    datetime.date(2024, 2, 29))
vec("nullable_timestamp_micros_null_second", "logical_nested",
    {"type": "array", "items": [{"type": "long", "logicalType": "timestamp-micros"}, "null"]},
    [datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc), None])
vec("map_of_timestamp_millis", "logical_nested", {"type": "map", "values": {"type": "long", "logicalType": "timestamp-millis"}},
    {"t": datetime.datetime(2024, 5, 9, 7, 29, 33, 186000, tzinfo=datetime.timezone.utc)})
vec("array_of_nullable_fixed_decimals", "logical_nested",
    {"type": "array", "items": ["null", {"type": "fixed", "name": "D4", "size": 4, "logicalType": "decimal",
                                         "precision": 9, "scale": 3}]},
    [decimal.Decimal("-1.500"), None, decimal.Decimal("999999.999")])
vec("local_timestamp_millis", "logical_nested", {"type": "long", "logicalType": "local-timestamp-millis"},
    1715239773186)
vec("record_of_times", "logical_nested",
    {"type": "record", "name": "Times", "fields": [
        {"name": "tm", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "tu", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "u", "type": {"type": "string", "logicalType": "uuid"}}]},
    {"tm": datetime.time(12, 34, 56, 789000), "tu": datetime.time(1, 2, 3, 4),
     "u": "123e4567-e89b-12d3-a456-426614174000"})

# What Spark refuses where the Avro reference does not.
vec("timestamp_millis_beyond_microseconds", "spark_range", {"type": "long", "logicalType": "timestamp-millis"},
    hexs="80808080808080808001",
    follow=dict(by="spark", error="timestamp-millis 2^62 does not fit Spark's microseconds"),
    note="Spark converts with Math.multiplyExact and fails; python cannot build the datetime either")
vec("decimal_beyond_precision", "spark_range",
    {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}, hexs="06" + "01e240",
    follow=dict(by="spark", error="1234.56 has 6 digits, more than decimal(4,2) holds"),
    note="Spark's Decimal refuses a value with more digits than the precision; python returns 1234.56")

# Resolution into the shapes above.
vec("evo_int_into_nullable_long", "evolution_shapes", "int", 42, reader=["null", "long"])
vec("evo_union_into_wider_members", "evolution_shapes", ["null", "int"], hexs="02" + "54",
    reader=["null", "string", "long"])
vec("evo_record_into_single_branch_union", "evolution_shapes", R, {"a": 5, "b": "y"}, reader=[R])
vec("evo_enum_default_in_members", "evolution_shapes",
    ["string", {"type": "enum", "name": "Lvl", "symbols": ["LOW", "MID", "HIGH"]}], hexs="02" + "02",
    reader=["string", {"type": "enum", "name": "Lvl", "symbols": ["LOW", "HIGH", "OTHER"], "default": "OTHER"}],
    follow=dict(by="spec", expected="OTHER"),
    note="python 1.11.1 ignores enum defaults and raises; the specification reads an unknown symbol as the default")

# Go names the planner has to disambiguate.
vec("field_names_needing_go_names", "go_names",
    {"type": "record", "name": "Odd", "fields": [
        {"name": "DecodeAvro", "type": "int"}, {"name": "a_b", "type": "int"}, {"name": "aB", "type": "int"},
        {"name": "V", "type": "string"}, {"name": "Valid", "type": "boolean"}]},
    {"DecodeAvro": 1, "a_b": 2, "aB": 3, "V": "v", "Valid": True})


def render(s, v):
    """The README's rendering of v, a DatumReader value of schema s."""
    if isinstance(s, avro.schema.UnionSchema):
        for b in s.schemas:
            if avro.io.validate(b, v):
                return render(b, v)
        raise ValueError("no branch of %s holds %r" % (s, v))
    lt = s.props.get("logicalType")
    if v is None or isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, int):
        if s.type in ("float", "double"):
            return float(v)
        return v
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, decimal.Decimal):
        return "{:f}".format(v.quantize(decimal.Decimal(1).scaleb(-s.props["scale"])))
    if isinstance(v, datetime.datetime):
        frac = "%03d" % (v.microsecond // 1000) if lt == "timestamp-millis" else "%06d" % v.microsecond
        return v.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, datetime.time):
        frac = "%03d" % (v.microsecond // 1000) if lt == "time-millis" else "%06d" % v.microsecond
        return v.strftime("%H:%M:%S.") + frac
    if isinstance(v, list):
        return [render(s.items, e) for e in v]
    if isinstance(v, dict):
        if s.type == "map":
            return {k: render(s.values, e) for k, e in v.items()}
        return {f.name: render(f.type, v[f.name]) for f in s.fields}
    raise ValueError("cannot render %r" % (v,))


def main():
    # The deep vectors nest 1000 records, beyond Python's default limit.
    sys.setrecursionlimit(20000)
    for c in VECTORS:
        ws = avro.schema.parse(json.dumps(c["writer"]))
        rs = avro.schema.parse(json.dumps(c["reader"])) if c["reader"] is not None else ws
        if c["hexs"] is None:
            buf = io.BytesIO()
            avro.io.DatumWriter(ws).write(c["datum"], avro.io.BinaryEncoder(buf))
            data, source = buf.getvalue(), "python-writer"
        else:
            data, source = bytes.fromhex(c["hexs"]), "hand-assembled"
        ref, expected, error = "ok", None, None
        try:
            dec = io.BytesIO(data)
            got = avro.io.DatumReader(ws, rs).read(avro.io.BinaryDecoder(dec))
            if dec.tell() != len(data):
                raise ValueError("%d trailing bytes" % (len(data) - dec.tell()))
            expected = render(rs, got)
        except Exception as e:  # the reference's failure is the vector's
            first = str(e).splitlines()[0] if str(e) else ""
            ref, error = "%s: %s" % (type(e).__name__, first), "python-avro-1.11.1: %s" % first
        out = {"name": c["name"], "category": "generated_shapes", "group": c["group"],
               "writer_schema": c["writer"], "reader_schema": c["reader"], "hex": data.hex(),
               "expected": expected, "error": error,
               "ref": {"python-avro-1.11.1": ref, "bytes_from": source}}
        if c["follow"] is not None:
            out["expected"] = c["follow"].get("expected")
            out["error"] = c["follow"].get("error")
            out["ref"]["followed"] = c["follow"]["by"]
        if c["note"] is not None:
            out["note"] = c["note"]
        print(json.dumps(out, ensure_ascii=True))


main()
