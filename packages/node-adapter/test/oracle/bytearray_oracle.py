"""CPython's bytearray, driven by JSON operation lists (see resizable-bytes-differential.test.ts)."""
import json


def run(ops):
    data = bytearray()
    views = []
    results = []
    for op in ops:
        kind = op["op"]
        try:
            if kind == "append":
                value = data.append(op["value"])
            elif kind == "extend":
                value = data.extend(op["values"])
            elif kind == "pop":
                value = data.pop() if op.get("index") is None else data.pop(op["index"])
            elif kind == "resize":
                value = data.resize(op["size"])
            elif kind == "clear":
                value = data.clear()
            elif kind == "set":
                data[op["index"]] = op["value"]
                value = None
            elif kind == "get":
                value = data[op["index"]]
            elif kind == "export":
                views.append(memoryview(data))
                value = None
            elif kind == "release":
                if views:
                    views.pop().release()
                value = None
            else:
                raise AssertionError(kind)
            results.append({"ok": value})
        except Exception as error:
            results.append({"error": type(error).__name__, "message": str(error)})
    return {"results": results, "data": list(data), "exports": len(views)}


def run_json(text):
    return json.dumps([run(ops) for ops in json.loads(text)])
