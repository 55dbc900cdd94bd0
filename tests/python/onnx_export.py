"""Exports Convas' PyTorch exports to ONNX with torch.onnx.export, as a user would (the model import's round
trip test): for each folder of the manifest, model.py's build_model() (weights.safetensors beside it) in eval
mode goes to model.onnx, opset 13, batch dimension dynamic.

Usage: /usr/bin/python3 tests/python/onnx_export.py manifest.json results.json
"""
import importlib.util
import json
import os
import sys
import traceback


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    results = {}
    try:
        import torch

        torch.set_num_threads(1)
        results["torch"] = torch.__version__
    except Exception as error:  # noqa: BLE001 - reported to the test, which decides
        results["torch"] = None
        results["torchError"] = repr(error)
    if results["torch"]:
        for i, folder in enumerate(manifest["dirs"]):
            try:
                spec = importlib.util.spec_from_file_location(f"convas_onnx_{i}", os.path.join(folder, "model.py"))
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                model = module.build_model(os.path.join(folder, "weights.safetensors")).eval()
                x = torch.rand(1, *module.INPUT_SHAPE)
                torch.onnx.export(model, x, os.path.join(folder, "model.onnx"), input_names=["input"], output_names=["output"],
                                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
                results[folder] = {"ok": True}
            except Exception as error:  # noqa: BLE001
                results[folder] = {"ok": False, "error": repr(error), "trace": traceback.format_exc()}
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
