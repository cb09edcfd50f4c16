#!/usr/bin/python3
"""The PyTorch peer of actforge's trainer benchmark.

Trains the same MLP (784-H-H-10 by default) with the same optimiser, batch
size, and data rows as bench_train, on one thread, and prints one JSON
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


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--activation", default="swish")
    p.add_argument("--train", type=int, default=10000, help="training rows: the first N of the training images")
    p.add_argument("--val", type=int, default=5000, help="validation rows: the last N of the training images")
    p.add_argument("--hidden", default="64,64")
    p.add_argument("--conv", default="", help="channels of conv 3x3 pad 1 -> activation -> max pool 2 blocks, e.g. 16,32")
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
