"""MobileNet blocks: a Keras (TensorFlow 2) model exported from Convas.

The functional model of the Convas graph, with the same layer names and parameters as its TensorFlow.js
model (images are channels-last (N, H, W, C), values in [0, 1]).

    from model import build_model, compile_model, load_weights
    model = build_model()
    load_weights(model)  # the trained weights in weights.npz beside this file, when present
    compile_model(model, steps_per_epoch=-(-len(images) // TRAINING["batch_size"]))
    model.fit(images, one_hot_labels, epochs=TRAINING["epochs"], batch_size=TRAINING["batch_size"])
"""
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

MODEL_NAME = "MobileNet blocks"
TASK = "classification"
INPUT_SHAPE = (16, 16, 1)  # (height, width, channels), values in [0, 1]
CLASSES = ("a", "b", "c")
TRAINING = {
    "epochs": 1,
    "batch_size": 8,
    "learning_rate": 0.001,
    "optimizer": "adam",
    "momentum": 0.9,
    "class_weights": True,
    "validation_fraction": 0.15,
    "seed": 42,
    "segmentation_loss": "bce+dice",
    "dice_mode": "batch",
    "schedule": "cosine",
}
WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")


def build_model():
    """MobileNet blocks: (N, 16, 16, 1) -> 3 outputs."""
    input_ = keras.Input(shape=(16, 16, 1), name="input")  # 16x16x1
    conv2d = layers.Conv2D(4, 3, strides=2, padding="same", use_bias=False, name="conv2d")(input_)  # 8x8x4
    batch_normalization = layers.BatchNormalization(momentum=0.9, epsilon=0.001, name="batch_normalization")(conv2d)  # 8x8x4
    activation = layers.ReLU(6.0, name="activation")(batch_normalization)  # 8x8x4
    depthwise_conv2d = layers.DepthwiseConv2D(3, padding="same", use_bias=False, name="depthwise_conv2d")(activation)  # 8x8x4
    batch_normalization_1 = layers.BatchNormalization(momentum=0.9, epsilon=0.001, name="batch_normalization_1")(depthwise_conv2d)  # 8x8x4
    leaky_re_lu = layers.LeakyReLU(0.1, name="leaky_re_lu")(batch_normalization_1)  # 8x8x4
    conv2d_1 = layers.Conv2D(6, 1, padding="same", activation="relu", name="conv2d_1")(leaky_re_lu)  # 8x8x6
    depthwise_conv2d_1 = layers.DepthwiseConv2D(3, strides=2, padding="same", depth_multiplier=2, activation="relu", name="depthwise_conv2d_1")(conv2d_1)  # 4x4x12
    separable_conv2d = layers.SeparableConv2D(8, 3, name="separable_conv2d")(depthwise_conv2d_1)  # 2x2x8
    activation_1 = layers.Activation("elu", name="activation_1")(separable_conv2d)  # 2x2x8
    separable_conv2d_1 = layers.SeparableConv2D(5, 2, padding="same", depth_multiplier=2, use_bias=False, name="separable_conv2d_1")(activation_1)  # 2x2x5
    global_average_pooling2d = layers.GlobalAveragePooling2D(name="global_average_pooling2d")(separable_conv2d_1)  # 5
    output = layers.Dense(3, activation="softmax", name="output")(global_average_pooling2d)  # 3
    return keras.Model(inputs=input_, outputs=output, name="convas_model")


DICE_SMOOTH = 1e-5  # soft Dice smoothing, as in Convas (MONAI's smooth_nr/smooth_dr)


def soft_dice_loss(y_true, y_pred, mode=TRAINING["dice_mode"]):
    """Convas' soft Dice loss over the foreground channels (a one-channel mask; channels 1.. of a softmax).

    mode "batch": sums over the batch and pixels, 1 - mean over channels of (2 sum(p y) + s) / (sum p + sum y + s);
    mode "image": one Dice per image and channel, the mean of 1 - Dice over the pairs whose target is not
    empty (0 when there is none). s = DICE_SMOOTH.
    """
    y_true = tf.cast(y_true, y_pred.dtype)
    if y_pred.shape[-1] > 1:
        y_true, y_pred = y_true[..., 1:], y_pred[..., 1:]
    axes = [0, 1, 2] if mode == "batch" else [1, 2]
    overlap = tf.reduce_sum(y_true * y_pred, axis=axes)
    truth = tf.reduce_sum(y_true, axis=axes)
    dice = (2.0 * overlap + DICE_SMOOTH) / (truth + tf.reduce_sum(y_pred, axis=axes) + DICE_SMOOTH)
    if mode == "batch":
        return 1.0 - tf.reduce_mean(dice)
    counted = tf.cast(truth > 0, y_pred.dtype)
    return tf.reduce_sum((1.0 - dice) * counted) / tf.maximum(tf.reduce_sum(counted), 1.0)


def bce_dice_loss(y_true, y_pred):
    return keras.losses.binary_crossentropy(y_true, y_pred) + soft_dice_loss(y_true, y_pred)


def cce_dice_loss(y_true, y_pred):
    return keras.losses.categorical_crossentropy(y_true, y_pred) + soft_dice_loss(y_true, y_pred)


class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """Convas' "cosine" schedule per optimisation step: a linear warm-up over the first epoch (at most a tenth of
    the run, at least one step), then 0.5 (1 + cos(pi (step - W) / (T - W))) of the peak."""

    def __init__(self, peak, steps_per_epoch, total_steps):
        super().__init__()
        self.peak, self.steps_per_epoch, self.total_steps = float(peak), int(steps_per_epoch), int(total_steps)
        self.warm = max(1, min(self.steps_per_epoch, self.total_steps // 10))

    def __call__(self, step):
        step = tf.cast(step, tf.float32)
        warm = float(self.warm)
        progress = tf.clip_by_value((step - warm) / float(max(1, self.total_steps - self.warm)), 0.0, 1.0)
        decay = self.peak * 0.5 * (1.0 + tf.cos(np.pi * progress))
        return tf.where(step < warm, self.peak * (step + 1.0) / warm, decay)

    def get_config(self):
        return {"peak": self.peak, "steps_per_epoch": self.steps_per_epoch, "total_steps": self.total_steps}


def compile_model(model, steps_per_epoch=None):
    """Compiles with the Convas document's optimiser, learning rate and loss. With steps_per_epoch (batches per
    epoch, ceil(images / TRAINING["batch_size"])), the learning rate follows TRAINING["schedule"] over
    TRAINING["epochs"]; without it, it stays at TRAINING["learning_rate"]."""
    rate = TRAINING["learning_rate"]
    if TRAINING["schedule"] == "cosine" and steps_per_epoch:
        rate = WarmupCosine(rate, steps_per_epoch, steps_per_epoch * TRAINING["epochs"])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate, epsilon=1e-7), loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def load_weights(model, path=WEIGHTS_FILE):
    """Sets every layer's weights from an .npz of `<layer name>/<index>` arrays (Keras order)."""
    if not os.path.exists(path):
        return model
    with np.load(path) as data:
        groups = {}
        for key in data.files:
            layer, index = key.rsplit("/", 1)
            groups.setdefault(layer, {})[int(index)] = data[key]
    for layer in model.layers:
        arrays = groups.pop(layer.name, None)
        if arrays is not None:
            layer.set_weights([arrays[i] for i in range(len(arrays))])
        elif layer.weights:
            raise ValueError(f"{path} has no weights for layer {layer.name}")
    if groups:
        raise ValueError(f"{path} has weights for unknown layers: {sorted(groups)}")
    return model


if __name__ == "__main__":
    net = load_weights(build_model())
    compile_model(net)
    net.summary()
