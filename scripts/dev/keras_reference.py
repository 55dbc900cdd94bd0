"""
Dev tool (not part of the tests): reference outputs for Keras .h5 / .keras files, computed in PyTorch from the
file's own config and weights read with h5py -- independently of Convas' readers (jsfive) -- since there is
no Keras here. Writes `<file>.ref.json` beside the model: a seeded input in [0, 1), the model's output and the
features its last Dense layer reads. scripts/dev/importCorpus.ts compares Convas' import against it.

    /usr/bin/python3 scripts/dev/keras_reference.py <model.h5|model.keras|folder of x.json + x.h5> ...

Covers the layers plain CNNs use (Conv2D, pooling, BatchNormalization, Dense, activations, Flatten, nested
Sequential models, augmentation layers as identity, Rescaling, Resizing to the same size); anything else is
reported and the file skipped. A model that rescales 0..255 to 0..1 gets the input times 255, as Convas feeds
its images already scaled.
"""
import io
import json
import math
import os
import sys
import zipfile

import h5py
import numpy as np
import torch
import torch.nn.functional as F

IDENTITY = {'InputLayer', 'Dropout', 'SpatialDropout2D', 'RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation',
            'RandomContrast', 'RandomBrightness', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization'}


def activation(name, x):
    if isinstance(name, dict):
        name = name.get('config') if isinstance(name.get('config'), str) else name.get('class_name')
    name = name or 'linear'
    if name == 'linear':
        return x
    if name == 'relu':
        return F.relu(x)
    if name == 'sigmoid':
        return torch.sigmoid(x)
    if name == 'tanh':
        return torch.tanh(x)
    if name == 'elu':
        return F.elu(x)
    if name == 'softmax':
        return torch.softmax(x, dim=-1)
    raise ValueError(f'activation {name}')


def flat_layers(config):
    """Sequential layer configs in call order, nested Sequentials inlined; a linear Functional is accepted."""
    cls, cfg = config['class_name'], config['config']
    layers = cfg['layers'] if isinstance(cfg, dict) else cfg
    out = []
    for layer in layers:
        if layer['class_name'] in ('Sequential', 'Functional', 'Model'):
            out.extend(flat_layers(layer))
        else:
            if cls != 'Sequential' and len(layer.get('inbound_nodes') or []) > 1:
                raise ValueError('shared layer')
            out.append(layer)
    return out


def same_pad(size, k, s, d=1):
    eff = (k - 1) * d + 1
    total = max((math.ceil(size / s) - 1) * s + eff - size, 0)
    return total // 2, total - total // 2


def pair(v):
    return v if isinstance(v, int) else v[0]


def forward(layers, weights, x):
    """x: NHWC float64 tensor. Returns (output, input of the last Dense)."""
    features = None
    dense_names = [l['config']['name'] for l in layers if l['class_name'] == 'Dense']
    for layer in layers:
        cls, c = layer['class_name'], layer['config']
        w = weights.get(c['name'], [])
        if cls in IDENTITY:
            continue
        if cls == 'Rescaling':
            x = x * c.get('scale', 1.0) + c.get('offset', 0.0)
        elif cls == 'Resizing':
            if (c['height'], c['width']) != tuple(x.shape[1:3]):
                raise ValueError('Resizing to another size')
        elif cls in ('Conv2D', 'Convolution2D'):
            k, s, d = pair(c['kernel_size']), pair(c['strides']), pair(c.get('dilation_rate', 1))
            t = x.permute(0, 3, 1, 2)
            if c['padding'] == 'same':
                (pt, pb), (pl, pr) = same_pad(t.shape[2], k, s, d), same_pad(t.shape[3], k, s, d)
                t = F.pad(t, (pl, pr, pt, pb))
            kernel = torch.tensor(w[0], dtype=torch.float64).permute(3, 2, 0, 1)
            bias = torch.tensor(w[1], dtype=torch.float64) if c.get('use_bias', True) else None
            x = activation(c.get('activation'), F.conv2d(t, kernel, bias, stride=s, dilation=d).permute(0, 2, 3, 1))
        elif cls in ('MaxPooling2D', 'MaxPool2D', 'AveragePooling2D', 'AvgPool2D'):
            k = pair(c.get('pool_size', 2))
            s = pair(c.get('strides') or k)
            t = x.permute(0, 3, 1, 2)
            mx = cls.startswith('Max')
            if c.get('padding', 'valid') == 'same':
                if not mx:
                    raise ValueError('same average pooling')
                (pt, pb), (pl, pr) = same_pad(t.shape[2], k, s), same_pad(t.shape[3], k, s)
                t = F.pad(t, (pl, pr, pt, pb), value=-math.inf)
            x = (F.max_pool2d(t, k, s) if mx else F.avg_pool2d(t, k, s)).permute(0, 2, 3, 1)
        elif cls in ('GlobalAveragePooling2D', 'GlobalMaxPooling2D'):
            x = x.mean(dim=(1, 2)) if 'Average' in cls else x.amax(dim=(1, 2))
        elif cls == 'Flatten':
            x = x.reshape(x.shape[0], -1)
        elif cls == 'Dense':
            if c['name'] == dense_names[-1]:
                features = x
            x = x @ torch.tensor(w[0], dtype=torch.float64)
            if c.get('use_bias', True):
                x = x + torch.tensor(w[1], dtype=torch.float64)
            x = activation(c.get('activation'), x)
        elif cls == 'BatchNormalization':
            i = 0
            gamma = beta = None
            if c.get('scale', True):
                gamma, i = w[i], i + 1
            if c.get('center', True):
                beta, i = w[i], i + 1
            mean, var = w[i], w[i + 1]
            x = (x - torch.tensor(mean)) / torch.sqrt(torch.tensor(var) + c.get('epsilon', 1e-3))
            if gamma is not None:
                x = x * torch.tensor(gamma)
            if beta is not None:
                x = x + torch.tensor(beta)
        elif cls == 'Activation':
            x = activation(c['activation'], x)
        elif cls == 'ReLU' and c.get('max_value') is None and not c.get('negative_slope') and not c.get('threshold'):
            x = F.relu(x)
        elif cls == 'Softmax':
            x = torch.softmax(x, dim=-1)
        else:
            raise ValueError(f'layer {cls}')
    return x, features


def legacy_weights(f):
    root = f['model_weights'] if 'model_weights' in f else f
    out = {}
    for layer in [n.decode() if isinstance(n, bytes) else n for n in root.attrs['layer_names']]:
        group = root[layer]
        for wn in group.attrs.get('weight_names', []):
            wn = wn.decode() if isinstance(wn, bytes) else wn
            owner = wn.split('/')[-2] if '/' in wn else layer
            out.setdefault(owner, []).append(np.array(group[wn]))
    return out


def keras3_weights(f):
    out = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Group) and name.endswith('/vars') and not name.startswith('optimizer'):
            keys = sorted(obj.keys(), key=int)
            if keys:
                out[name.split('/')[-2]] = [np.array(obj[k]) for k in keys]
    f.visititems(visit)
    return out


WEIGHTED = {'Conv2D', 'Convolution2D', 'Dense', 'BatchNormalization'}


def load(path):
    if os.path.isdir(path):
        # The Keras 2 pair: model.to_json() and model.save_weights() side by side, matched by order when the
        # names differ (as keras' load_weights does for .h5 files).
        names = sorted(os.listdir(path))
        config = json.load(open(os.path.join(path, next(n for n in names if n.endswith('.json')))))
        f = h5py.File(os.path.join(path, next(n for n in names if n.endswith('.h5'))), 'r')
        weights = legacy_weights(f)
        wanted = [l['config']['name'] for l in flat_layers(config) if l['class_name'] in WEIGHTED]
        if any(n not in weights for n in wanted) and len(weights) == len(wanted):
            weights = dict(zip(wanted, weights.values()))
        return config, weights
    if zipfile.is_zipfile(path):
        z = zipfile.ZipFile(path)
        config = json.loads(z.read('config.json'))
        return config, keras3_weights(h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r'))
    f = h5py.File(path, 'r')
    config = f.attrs['model_config']
    return json.loads(config.decode() if isinstance(config, bytes) else config), legacy_weights(f)


def main():
    for path in sys.argv[1:]:
        try:
            config, weights = load(path)
            layers = flat_layers(config)
            first = layers[0]['config']
            shape = first.get('batch_input_shape') or first.get('batch_shape')
            if shape is None:
                shape = config['config'].get('build_input_shape') if isinstance(config['config'], dict) else None
            h, w, ch = shape[1:]
            rng = np.random.default_rng(0)
            x = rng.random((2, h, w, ch))
            scaled = any(l['class_name'] == 'Rescaling' and abs(l['config'].get('scale', 1) - 1 / 255) < 1e-9 for l in layers)
            with torch.no_grad():
                y, feats = forward(layers, weights, torch.tensor(x * (255 if scaled else 1), dtype=torch.float64))
            ref = {'shape': [2, h, w, ch], 'input': x.ravel().tolist(), 'output': y.numpy().ravel().tolist(),
                   'features': None if feats is None else feats.numpy().ravel().tolist()}
            with open(path.rstrip('/') + '.ref.json', 'w') as out:
                json.dump(ref, out)
            print(f'{path}: reference written ({len(layers)} layers)')
        except Exception as error:  # noqa: BLE001 -- a dev tool reports and goes on to the next file
            print(f'{path}: skipped ({type(error).__name__}: {error})')


if __name__ == '__main__':
    main()
