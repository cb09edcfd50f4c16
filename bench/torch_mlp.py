#!/usr/bin/python3
"""The PyTorch peer of actforge's trainer benchmark.

Trains the same MLP (784-H-H-10 by default), CNN (--conv) or recurrent
network (--cell: the image read as 28 rows of 28 pixels, the cell written
as a loop over the steps, since torch.nn.RNN takes no custom activation)
with the same optimiser, batch size, and data rows as bench_train, on one
thread, and prints one JSON
object: {"seconds", "train_seconds", "val_accuracy", "val_loss"}. Times cover
training and validation only, not Python start-up or data loading.

Run with Debian's interpreter: /usr/bin/python3 bench/torch_mlp.py --help
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch

DATA_DIR = os.environ.get("ACTFORGE_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def activation(name):
    table = {"relu": torch.nn.ReLU, "swish": torch.nn.SiLU, "gelu": torch.nn.GELU, "tanh": torch.nn.Tanh,
             "sigmoid": torch.nn.Sigmoid, "elu": torch.nn.ELU, "selu": torch.nn.SELU,
             "softplus": torch.nn.Softplus, "mish": torch.nn.Mish}
    return table[name]()


class Recurrent(torch.nn.Module):
    """The cells of actforge's nn/recurrent.hpp, step by step, with `act` in
    place of tanh; returns the last state."""

    def __init__(self, cell, step_size, hidden, steps, act):
        super().__init__()
        gates = {"elman": 1, "gru": 3, "lstm": 4}[cell]
        self.cell, self.steps, self.hidden, self.act = cell, steps, hidden, act
        self.input_weight = torch.nn.Parameter(torch.empty(step_size, gates * hidden))
        self.recurrent_weight = torch.nn.Parameter(torch.empty(hidden, gates * hidden))
        self.bias = torch.nn.Parameter(torch.zeros(gates * hidden))
        with torch.no_grad():  # He uniform, as actforge; the LSTM forget gate's bias 1
            for w, fan_in in ((self.input_weight, step_size), (self.recurrent_weight, hidden)):
                bound = (6.0 / fan_in) ** 0.5
                w.uniform_(-bound, bound)
            if cell == "lstm":
                self.bias[hidden:2 * hidden] += 1.0

    def forward(self, x):
        x = x.reshape(x.shape[0], self.steps, -1)
        projected = x @ self.input_weight + self.bias
        n, u = self.hidden, self.recurrent_weight
        h = x.new_zeros(x.shape[0], n)
        c = h
        for t in range(self.steps):
            a = projected[:, t]
            if self.cell == "elman":
                h = self.act(a + h @ u)
            elif self.cell == "gru":
                r, z = torch.sigmoid(a[:, :2 * n] + h @ u[:, :2 * n]).chunk(2, 1)
                cand = self.act(a[:, 2 * n:] + (r * h) @ u[:, 2 * n:])
                h = cand + z * (h - cand)
            else:
                i, f, g, o = (a + h @ u).chunk(4, 1)
                c = torch.sigmoid(f) * c + torch.sigmoid(i) * self.act(g)
                h = torch.sigmoid(o) * self.act(c)
        return h


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--activation", default="swish")
    p.add_argument("--train", type=int, default=10000, help="training rows: the first N of the training images")
    p.add_argument("--val", type=int, default=5000, help="validation rows: the last N of the training images")
    p.add_argument("--hidden", default="64,64")
    p.add_argument("--conv", default="", help="channels of conv 3x3 pad 1 -> activation -> max pool 2 blocks, e.g. 16,32")
    p.add_argument("--cell", default="", help="elman | gru | lstm: a recurrent network of the first --hidden width")
    p.add_argument("--clip", type=float, default=0.0, help="global gradient-norm clipping; 0 = none")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    images = read_idx(os.path.join(DATA_DIR, "train-images-idx3-ubyte.gz")).reshape(-1, 784)
    labels = read_idx(os.path.join(DATA_DIR, "train-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    y = torch.from_numpy(labels.astype(np.int64))
    x_train, y_train = x[:args.train].contiguous(), y[:args.train].contiguous()
    x_val, y_val = x[-args.val:].contiguous(), y[-args.val:].contiguous()

    layers = []
    features, side, channels = 784, 28, 1
    if args.conv:
        layers.append(torch.nn.Unflatten(1, (1, 28, 28)))
        for c in (int(v) for v in args.conv.split(",")):
            layers += [torch.nn.Conv2d(channels, c, 3, padding=1), activation(args.activation), torch.nn.MaxPool2d(2)]
            channels, side = c, side // 2
        layers.append(torch.nn.Flatten())
        features = channels * side * side
    sizes = [features] + [int(h) for h in args.hidden.split(",")]
    if args.cell:
        layers.append(Recurrent(args.cell, 28, sizes[1], 28, activation(args.activation)))
        sizes = sizes[1:]
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [torch.nn.Linear(a, b), activation(args.activation)]
    layers.append(torch.nn.Linear(sizes[-1], 10))
    model = torch.nn.Sequential(*layers)
    # The same initialisation as actforge: He uniform weights
    # U(-sqrt(6/fan_in), sqrt(6/fan_in)), zero biases.
    for m in model.modules():
        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    start = time.perf_counter()
    model.train()
    n_batches = args.train // args.batch  # drop_last, as actforge does
    for _ in range(args.epochs):
        order = torch.randperm(args.train)
        for i in range(n_batches):
            idx = order[i * args.batch:(i + 1) * args.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            if args.clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
    train_seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        correct = 0
        total_loss = 0.0
        for i in range(0, args.val, 1000):
            logits = model(x_val[i:i + 1000])
            total_loss += float(torch.nn.functional.cross_entropy(logits, y_val[i:i + 1000], reduction="sum"))
            correct += int((logits.argmax(1) == y_val[i:i + 1000]).sum())
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "train_seconds": train_seconds, "val_accuracy": correct / args.val,
                      "val_loss": total_loss / args.val}))


if __name__ == "__main__":
    main()
