/**
 * Python functions that read and write .safetensors files of float32 tensors with the standard library and
 * torch only, so an export needs no `safetensors` package: an 8-byte little-endian header length, a JSON
 * header `{name: {dtype, shape, data_offsets}}`, then the raw little-endian data.
 */
export const SAFETENSORS_PY = `

def load_safetensors(path):
    """Reads a .safetensors file of float32 tensors into a state dict (no safetensors package needed)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    state = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        if spec["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {spec['dtype']}, only F32 is supported")
        begin, end = spec["data_offsets"]
        values = array.array("f")
        values.frombytes(body[begin:end])
        if sys.byteorder == "big":
            values.byteswap()
        state[name] = torch.frombuffer(values, dtype=torch.float32).reshape(spec["shape"]).clone()
    return state


def save_safetensors(state_dict, path, metadata=None):
    """Writes the floating-point tensors of a state dict as a float32 .safetensors file."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(state_dict):
        tensor = state_dict[name]
        if not tensor.is_floating_point():
            continue  # BatchNorm's num_batches_tracked counter
        values = array.array("f", tensor.detach().to("cpu", torch.float32).reshape(-1).tolist())
        if sys.byteorder == "big":
            values.byteswap()
        raw = values.tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)
`;
