#!/usr/bin/env python3
"""An independent PyTorch run of seed 002's Eq. 10, to check bidizoo's semi-supervised numbers.

The same experiment as `./bidizoo reproduce inversion` (SmallCNN, mean pooling, 50 labels, Eq. 10), written
separately in eager PyTorch with double backprop for J(x)^T f(x). It picks the same labeled images as bidizoo
for a seed (LabeledImages.balancedIndices: java.util.Random and Collections.shuffle, reimplemented below), mixes
25 labeled and 25 unlabeled rows per minibatch of 50, an epoch being every unlabeled image once, and tests on all
10,000 test images after every epoch. Its shuffles and initial weights are its own, so runs agree in
distribution, not digit for digit: compare means over labeled sets.

    /usr/bin/python3 scripts/inversion-torch-check.py --seed 12345,7,1,2,3 --epochs 4 > torch-eq10.jsonl

MNIST comes from --data-dir, else $BIDIZOO_DATA_DIR/mnist, else ~/.bidizoo/data/mnist (where ./bidizoo puts it).
Prints one JSON line per seed. Needs Debian's python3-torch and python3-numpy (see ../shared/peer/README.md).
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class JavaRandom:
    """java.util.Random's 48-bit linear congruential generator (nextInt(bound) as the JDK computes it)."""

    MULT = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULT) & self.MASK

    def _next(self, bits):
        self.state = (self.state * self.MULT + 0xB) & self.MASK
        v = self.state >> (48 - bits)
        return v - (1 << 32) if v >= 1 << 31 else v  # as a signed 32-bit Java int

    def next_int(self, bound):
        if bound <= 0:
            raise ValueError("bound must be positive, got %d" % bound)
        r = self._next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 31):  # no 32-bit overflow: accept
                return r
            u = self._next(31)


def balanced_indices(labels, n, seed, num_classes=10):
    """bidizoo's LabeledImages.balancedIndices: n / numClasses per class, Collections.shuffle per class."""
    rng = JavaRandom(seed)
    out = []
    for c in range(num_classes):
        want = n // num_classes + (1 if c < n % num_classes else 0)
        pool = [int(i) for i in np.nonzero(labels == c)[0]]
        for i in range(len(pool) - 1, 0, -1):  # Collections.shuffle on a RandomAccess list
            j = rng.next_int(i + 1)
            pool[i], pool[j] = pool[j], pool[i]
        out.extend(pool[:want])
    return np.array(sorted(out))


def load_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(data_dir):
    def get(stem):
        return load_idx(os.path.join(data_dir, stem))
    x_tr = get("train-images-idx3-ubyte").astype(np.float32)[:, None] / 255.0
    x_te = get("t10k-images-idx3-ubyte").astype(np.float32)[:, None] / 255.0
    return x_tr, get("train-labels-idx1-ubyte").astype(np.int64), x_te, get("t10k-labels-idx1-ubyte").astype(np.int64)


class SmallCnn(nn.Module):
    """bidizoo's SmallCNN (InversionArchitecture.SMALLCNN): 3x3 convs 32, 64, 128 (padding 1), each ReLU and
    2x2 pooling, dense 32 ReLU, dense 10; 129,898 parameters. Xavier-normal weights, zero biases (DL4J's XAVIER)."""

    def __init__(self, pool="mean"):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(1, 32, 3, padding=1), nn.Conv2d(32, 64, 3, padding=1),
                                    nn.Conv2d(64, 128, 3, padding=1)])
        self.fc1 = nn.Linear(128 * 3 * 3, 32)
        self.fc2 = nn.Linear(32, 10)
        self.pool = F.avg_pool2d if pool == "mean" else F.max_pool2d
        for m in list(self.convs) + [self.fc1, self.fc2]:
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, x):
        for conv in self.convs:
            x = self.pool(F.relu(conv(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def eq10_loss(model, xb, yb, n_labeled, alpha, beta):
    """Eq. 10 averaged over the minibatch: alpha CE (labeled rows) + (1 - alpha)[beta R (all rows) +
    (1 - beta) E (unlabeled rows)], R the mean over the pixels of (J(x)^T f(x) - x)^2."""
    x = xb.detach().requires_grad_(True)
    logits = model(x)
    recon = torch.autograd.grad(logits, x, grad_outputs=logits, create_graph=True)[0]  # J^T f = d(|f|^2/2)/dx
    b = xb.shape[0]
    ce = F.cross_entropy(logits[:n_labeled], yb[:n_labeled], reduction="sum") / b
    r = ((recon - xb) ** 2).flatten(1).mean(1).sum() / b
    logp = F.log_softmax(logits[n_labeled:], dim=1)
    ent = -(logp.exp() * logp).sum() / b
    return alpha * ce + (1 - alpha) * (beta * r + (1 - beta) * ent)


def test_accuracy(model, x_te, y_te):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x_te), 500):
            correct += (model(x_te[i:i + 500]).argmax(1) == y_te[i:i + 500]).sum().item()
    model.train()
    return correct / len(x_te)


def run(seed, args, data):
    x_tr, y_tr, x_te, y_te = data
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    labeled = balanced_indices(y_tr, args.labels, seed)
    unlabeled = np.setdiff1d(np.arange(len(y_tr)), labeled)
    nl, nu = args.labeled_per_batch, args.batch - args.labeled_per_batch
    per_epoch = -(-len(unlabeled) // nu)
    model = SmallCnn(args.pool)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    xt, yt = torch.from_numpy(x_tr), torch.from_numpy(y_tr)
    xte, yte = torch.from_numpy(x_te), torch.from_numpy(y_te)
    curve = []
    t0 = time.time()
    lab_order, lab_cursor = rng.permutation(labeled), 0
    for epoch in range(args.epochs):
        un_order = rng.permutation(unlabeled)
        for it in range(per_epoch):
            rows = lab_order[np.arange(lab_cursor, lab_cursor + nl) % len(lab_order)]
            lab_cursor += nl
            if lab_cursor >= len(lab_order):  # every labeled image drawn: reshuffle for the next pass
                lab_order, lab_cursor = rng.permutation(labeled), lab_cursor % len(lab_order)
            idx = np.concatenate([rows, un_order[it * nu:(it + 1) * nu]])
            opt.zero_grad(set_to_none=True)
            loss = eq10_loss(model, xt[idx], yt[idx], nl, args.alpha, args.beta)
            loss.backward()
            opt.step()
        acc = test_accuracy(model, xte, yte)
        curve.append(acc)
        print("seed %d epoch %d: test accuracy %.4f (%.0f s)" % (seed, epoch + 1, acc, time.time() - t0),
              file=sys.stderr, flush=True)
    return {"framework": "pytorch " + torch.__version__, "model": "smallcnn", "pool": args.pool, "seed": seed,
            "labels": args.labels, "labeled_indices": labeled.tolist(), "alpha": args.alpha, "beta": args.beta,
            "lr": args.lr, "epochs": args.epochs, "iterations_per_epoch": per_epoch,
            "test_accuracy": curve[-1], "curve": curve, "train_seconds": time.time() - t0}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", default="12345", help="comma-separated seeds of the labeled sets (default 12345)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--labels", type=int, default=50)
    ap.add_argument("--alpha", type=float, default=0.7)
    ap.add_argument("--beta", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--labeled-per-batch", type=int, default=25)
    ap.add_argument("--pool", choices=["mean", "max"], default="mean")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--data-dir", default=None)
    args = ap.parse_args()
    if not 0 < args.labeled_per_batch < args.batch:
        ap.error("--labeled-per-batch = %d, expected in [1, --batch)" % args.labeled_per_batch)
    torch.set_num_threads(args.threads)
    data_dir = args.data_dir or os.path.join(os.environ.get("BIDIZOO_DATA_DIR", os.path.expanduser("~/.bidizoo/data")),
                                             "mnist")
    data = load_mnist(data_dir)
    for s in args.seed.split(","):
        print(json.dumps(run(int(s), args, data)), flush=True)


if __name__ == "__main__":
    main()
