#!/usr/bin/env python3
"""TorchScript fixtures for the model server's tests, and the Python reference they are checked against.

Run with Debian's PyTorch (apt-get install -y python3-torch; PyTorch 1.13, whose TorchScript files load in
DJL's libtorch 2.7.1):

    cd model-server/src/test/resources/torchscript
    /usr/bin/python3 make_fixtures.py                                       # trained/, scripted/, bad/
    /usr/bin/python3 make_fixtures.py --seeded-params /tmp/seed42.params    # and seeded/

The seeded parameters file comes from the server itself (from the repository root):

    mvn -o -q -pl model-server -am package -DskipTests
    echo 'try (var c = org.marlbench.server.component.StrategicComponent.create(org.marlbench.server.Settings.load()))
      { c.saveParameters(java.nio.file.Path.of("/tmp/seed42.params")); }' | tr -d '\n' > /tmp/save.jsh
    printf '\n/exit\n' >> /tmp/save.jsh
    jshell -q -R-DOPT_OUT_TRACKING=true --class-path model-server/target/model-server.jar < /tmp/save.jsh

The output is byte-for-byte reproducible (the script fixes PYTHONHASHSEED), so a re-run changes nothing
unless the script did. TorchScript keeps the script's line numbers as debug information: any edit of this
file changes the files' SHA-256 (recorded in expected.json), though not their outputs; regenerate and commit.

The tests need no Python: they read the .pt files and the expected.json written here.

Folders (each a model.torchscript.dir: mlmi.pt, nwrqk.pt, regime.pt, gating.pt + expected.json):
  trained/   plain Linear/ReLU agents (hidden widths differ per agent) with non-zero biases, scaled like a
             trained net so the probabilities are not saturated; gating a plain Linear(6, 3). Exported the
             way the README's recipe does it: state dict saved to .pth, loaded into a fresh module, scripted.
  seeded/    the server's own seeded parameters (seed 42, widths 256,128,64), read from a parameters file the
             server wrote (-Dmodel.parametersFile=... -Dmodel.saveParameters=true): with these files the
             torchscript source must give the seeded source's decisions.
  scripted/  agents that are NOT plain Linear/ReLU stacks (LayerNorm; Tanh; a frozen module whose weights are
             constants) and a 2-layer gating: the server must run these modules themselves.
  bad/       single broken files for the start-up validation tests (wrong widths, tuple output, rows of a
             batch mixed, float64 output, a state dict instead of TorchScript).

expected.json holds the input matrices (row-major 48x13, float32 values), each module's logits for the whole
batch, and the full decision per SPEC section 1 computed here in float64 (an independent reference).
"""
import argparse
import hashlib
import json
import math
import os
import struct
import sys
import tempfile

# TorchScript writes a module's constants in set order, which follows Python's per-process string hash:
# a fixed hash seed makes the files byte-for-byte reproducible (same SHA-256 on every run).
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np
import torch
from torch import nn

ROWS, COLS = 48, 13
COLUMNS = {"mlmi": [0, 1, 9, 10], "nwrqk": [2, 3, 4, 5], "regime": [10, 11, 12]}
AGENTS = ["mlmi", "nwrqk", "regime"]
ACTIONS = ["buy", "hold", "sell"]
# Context biases of SPEC section 1, rows in the context order below, columns mlmi, nwrqk, regime.
CONTEXT_BIAS = np.array([
    [-1, -1, 3],    # volatility_30
    [-1, 2.5, -1],  # volume_ratio
    [4, -1, -1],    # momentum_20
    [0, 0, 0],      # momentum_50
    [-1, -1, 4],    # mmd_score
    [3, -1, -1],    # price_trend
], dtype=np.float64)
THRESHOLD = 0.65


# --- the modules: what the team's agents look like -------------------------------------------------------
class PolicyNetwork(nn.Module):
    """An agent's policy MLP; forward returns the head's logits (softmax is applied by the server)."""

    def __init__(self, inputs, hidden=(256, 128, 64), dropout=0.1, actions=3):
        super().__init__()
        layers, width = [], inputs
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, actions))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x)


class GatingNetwork(nn.Module):
    """Linear(6 -> 3) over the shared context; the server adds the context biases to these logits."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(6, 3)

    def forward(self, context):
        return self.linear(context)


# --- modules that are not plain MLPs (the server must run them as they are) ------------------------------
class NormedPolicy(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.inp = nn.Linear(inputs, 16)
        self.norm = nn.LayerNorm(16)
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        return self.head(torch.relu(self.norm(self.inp(x))))


class TanhPolicy(nn.Module):
    """Parameters like a Linear/ReLU stack of 3 hidden layers (as trained/), different activation: only
    running it tells them apart."""

    def __init__(self, inputs, per_input=None):
        super().__init__()
        self.l1, self.l2, self.l3, self.l4 = nn.Linear(inputs, 12), nn.Linear(12, 8), nn.Linear(8, 8), nn.Linear(8, 3)
        if per_input is not None:  # scaled to the features' magnitudes, so tanh does not saturate
            with torch.no_grad():
                self.l1.weight.mul_(torch.from_numpy(per_input.astype(np.float32)))

    def forward(self, x):
        return self.l4(torch.tanh(self.l3(torch.tanh(self.l2(torch.tanh(self.l1(x)))))))


class DeepGating(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))

    def forward(self, context):
        return self.net(context)


# --- broken modules --------------------------------------------------------------------------------------
class TupleOut(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.linear = nn.Linear(inputs, 3)

    def forward(self, x):
        y = self.linear(x)
        return y, y


class BatchMixing(nn.Module):
    """Each row's output depends on the other rows (like batch norm left in training mode)."""

    def __init__(self, inputs):
        super().__init__()
        self.linear = nn.Linear(inputs, 3)

    def forward(self, x):
        y = self.linear(x)
        return y - y.mean(dim=0, keepdim=True)


class DoubleOut(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.linear = nn.Linear(inputs, 3)

    def forward(self, x):
        return self.linear(x).double()


# --- inputs ----------------------------------------------------------------------------------------------
def market_matrix(rng, drift, volume_noise):
    """A plausible 48x13 matrix (same feature ranges as the server's MarketMatrices), float32."""
    m = np.zeros((ROWS, COLS), dtype=np.float64)
    mlmi, nwrqk = rng.uniform(30, 70), rng.uniform(4000, 5000)
    for r in range(ROWS):
        mlmi += rng.uniform(-3, 3)
        nwrqk += rng.uniform(-10, 10) + 40 * drift
        momentum = drift + rng.uniform(-0.01, 0.01)
        m[r] = [mlmi, mlmi + rng.uniform(-5, 5), nwrqk, rng.uniform(-1, 1), rng.uniform(0, 0.05),
                rng.uniform(0, 1), float(rng.random() < 0.2), float(rng.random() < 0.2),
                nwrqk * (1 + rng.uniform(-0.01, 0.01)), momentum, momentum * 0.7 + rng.uniform(-0.005, 0.005),
                rng.uniform(0.005, 0.04), 1 + rng.uniform(-volume_noise, volume_noise) * 1.7]
    return m.astype(np.float32)


def sample_matrices():
    rng = np.random.default_rng(20261127)
    # (drift, volume noise): ranging, trending up, trending down, volatile, and two more of each kind
    kinds = [(0.0, 0.02), (0.025, 0.02), (-0.025, 0.03), (0.0, 0.12), (0.015, 0.01), (-0.005, 0.09)]
    matrices = [market_matrix(rng, d, v) for d, v in kinds]
    # Plus one of small centred values: with mlmi_value near 0 the price_trend context bias no longer
    # swamps the gating, so the gating network's own logits decide the weights.
    matrices.append((rng.standard_normal((ROWS, COLS)) * 0.02).astype(np.float32))
    return matrices


def agent_inputs(matrices, agent):
    """[batch, rows * len(columns)]: the agent's column slice of all rows, flattened row by row."""
    return np.stack([m[:, COLUMNS[agent]].reshape(-1) for m in matrices]).astype(np.float32)


def context(m):
    """SPEC's shared context in float64, order: volatility_30, volume_ratio, momentum_20, momentum_50,
    mmd_score, price_trend."""
    x = m.astype(np.float64)
    half = ROWS // 2
    return np.array([x[:, 11].std(), x[:, 12].mean(), x[:, 9].mean(), x[:, 10].mean(),
                     abs(x[half:, 10].mean() - x[:half, 10].mean()), x[:, 0].mean()])


def regime_label(m):
    x = m.astype(np.float64)
    if x[:, 12].std() > 0.05:
        return "volatile"
    return "trending" if abs(x[:, 9].mean()) > 0.01 else "ranging"


# --- reference decision (SPEC section 1, float64) --------------------------------------------------------
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def entropy(p, floor):
    c = np.maximum(p, floor)
    c = c[c > 0]
    return float(-(c * np.log(c)).sum())


def decision(agent_logits, gating_logits, ctx, m):
    gating = softmax(np.asarray(gating_logits, dtype=np.float64) + ctx @ CONTEXT_BIAS)
    probs = [softmax(np.asarray(l, dtype=np.float64)) for l in agent_logits]
    conf = np.array([p.max() for p in probs])
    w = gating * conf
    ensemble = sum(w[i] * probs[i] for i in range(3)) / w.sum() if w.sum() > 0 else np.full(3, 1 / 3)
    best = int(np.argmax(ensemble))
    gating_confidence = 1 - entropy(gating, 0) / math.log(3)
    confidence = float(ensemble[best] * gating_confidence)
    return {
        "action": ACTIONS[best], "confidence": confidence, "uncertainty": entropy(ensemble, 1e-8),
        "shouldProceed": confidence >= THRESHOLD, "regime": regime_label(m),
        "ensembleProbabilities": ensemble.tolist(), "individualConfidences": conf.tolist(),
        "gatingWeights": gating.tolist(), "agentContributions": (w / w.sum()).tolist(),
    }


# --- export ----------------------------------------------------------------------------------------------
def export(module, path, example):
    """The README's recipe: eval mode, script, check one batch, save."""
    module.eval()
    scripted = torch.jit.script(module)
    with torch.no_grad():
        out = scripted(example)
    scripted.save(path)
    return out


def via_state_dict(make, trained, tmp, name):
    """Round trip through a .pth state dict, as the team's agents are stored."""
    pth = os.path.join(tmp, name + ".pth")
    torch.save(trained.state_dict(), pth)
    fresh = make()
    fresh.load_state_dict(torch.load(pth, map_location="cpu"))
    return fresh


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_folder(folder, modules, note):
    """Exports the four modules, runs them on the sample matrices and writes expected.json."""
    os.makedirs(folder, exist_ok=True)
    matrices = sample_matrices()
    contexts = np.stack([context(m) for m in matrices])
    logits = {}
    for agent in AGENTS:
        x = torch.from_numpy(agent_inputs(matrices, agent))
        logits[agent] = export(modules[agent], os.path.join(folder, agent + ".pt"), x).numpy()
    g = torch.from_numpy(contexts.astype(np.float32))
    gating_logits = export(modules["gating"], os.path.join(folder, "gating.pt"), g).numpy()
    expected = {
        "note": note,
        "torch": torch.__version__,
        "files": {n: sha256(os.path.join(folder, n + ".pt")) for n in AGENTS + ["gating"]},
        "matrices": [m.reshape(-1).tolist() for m in matrices],
        "contexts": contexts.tolist(),
        "logits": {a: logits[a].tolist() for a in AGENTS},
        "gatingLogits": gating_logits.tolist(),
        "decisions": [decision([logits[a][i] for a in AGENTS], gating_logits[i], contexts[i], matrices[i])
                      for i in range(len(matrices))],
    }
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


def feature_scale():
    """Typical magnitude of each column (mean absolute value over many sample matrices)."""
    rng = np.random.default_rng(1)
    ms = np.stack([market_matrix(rng, rng.uniform(-0.03, 0.03), rng.uniform(0.01, 0.12)) for _ in range(64)])
    return np.abs(ms.astype(np.float64)).mean(axis=(0, 1))


def trained_like(agent, hidden, scale):
    """A net that looks trained: non-zero biases, first-layer weights scaled to each feature's magnitude
    (as training on raw features would), head scaled so the logits spread about +-2 (softmax not saturated)."""
    cols = COLUMNS[agent]
    net = PolicyNetwork(ROWS * len(cols), hidden)
    with torch.no_grad():
        linears = [l for l in net.network if isinstance(l, nn.Linear)]
        for l in linears:
            l.bias.uniform_(-0.2, 0.2)
        per_input = np.tile(1.0 / scale[cols], ROWS)  # row-major flattening: columns repeat per row
        linears[0].weight.mul_(torch.from_numpy(per_input.astype(np.float32)))
        net.eval()
        spread = net(torch.from_numpy(agent_inputs(sample_matrices(), agent))).std().item()
        linears[-1].weight.mul_(2.0 / spread)
        linears[-1].bias.mul_(2.0 / spread)
    return net


def make_trained(root):
    torch.manual_seed(7)
    scale = feature_scale()
    hidden = {"mlmi": (32, 16, 8), "nwrqk": (24, 16, 8), "regime": (16, 12, 8)}
    modules = {}
    with tempfile.TemporaryDirectory() as tmp:
        for agent in AGENTS:
            net = trained_like(agent, hidden[agent], scale)
            modules[agent] = via_state_dict(lambda a=agent: PolicyNetwork(ROWS * len(COLUMNS[a]), hidden[a]), net, tmp, agent)
        gating = GatingNetwork()
        with torch.no_grad():
            gating.linear.weight.uniform_(-1, 1)
            gating.linear.bias.uniform_(-0.5, 0.5)
        modules["gating"] = via_state_dict(GatingNetwork, gating, tmp, "gating")
    write_folder(os.path.join(root, "trained"), modules,
                 "plain Linear/ReLU agents, hidden mlmi 32,16,8 nwrqk 24,16,8 regime 16,12,8; gating Linear(6,3)")


def make_scripted(root):
    torch.manual_seed(11)
    regime = PolicyNetwork(ROWS * 3, (8, 8))
    regime.eval()
    frozen = torch.jit.freeze(torch.jit.script(regime))  # weights become constants: no parameters to read
    per_input = np.tile(1.0 / feature_scale()[COLUMNS["nwrqk"]], ROWS)
    modules = {"mlmi": NormedPolicy(ROWS * 4), "nwrqk": TanhPolicy(ROWS * 4, per_input), "regime": frozen,
               "gating": DeepGating()}
    write_folder(os.path.join(root, "scripted"), modules,
                 "not plain MLPs: mlmi LayerNorm, nwrqk Tanh, regime frozen (no parameters), gating 6-8-3")


def read_parameters(path):
    """The server's parameters file (model-server Parameters.save: big-endian, version 2)."""
    data = open(path, "rb").read()
    pos = 0

    def take(fmt):
        nonlocal pos
        v = struct.unpack_from(">" + fmt, data, pos)
        pos += struct.calcsize(">" + fmt)
        return v

    assert data[:8] == b"MARLPRM1", "not a parameters file"
    pos = 8
    (version,) = take("i")
    assert version == 2, version
    (seed,) = take("q")
    (agents,) = take("i")
    out = {"seed": seed, "agents": {}}
    for _ in range(agents):
        (n,) = take("H")
        name = data[pos:pos + n].decode("utf-8")
        pos += n
        (rows,) = take("i")
        (ncols,) = take("i")
        cols = list(take("%di" % ncols))
        assert rows == ROWS and cols == COLUMNS[name], (name, rows, cols)
        (layers,) = take("i")
        ls = []
        for _ in range(layers):
            fan_in, fan_out = take("ii")
            w = np.array(take("%df" % (fan_in * fan_out)), dtype=np.float32).reshape(fan_in, fan_out)
            b = np.array(take("%df" % fan_out), dtype=np.float32)
            ls.append((w, b))
        out["agents"][name] = ls
    assert take("ii") == (6, 3)
    out["gating"] = (np.array(take("18f"), dtype=np.float32).reshape(6, 3), np.array(take("3f"), dtype=np.float32))
    return out


def make_seeded(root, params_file):
    p = read_parameters(params_file)
    modules = {}
    for agent in AGENTS:
        layers = p["agents"][agent]
        net = PolicyNetwork(layers[0][0].shape[0], [w.shape[1] for w, _ in layers[:-1]])
        linears = [l for l in net.network if isinstance(l, nn.Linear)]
        with torch.no_grad():
            for l, (w, b) in zip(linears, layers):
                l.weight.copy_(torch.from_numpy(w.T.copy()))  # server stores [in][out], torch [out, in]
                l.bias.copy_(torch.from_numpy(b))
        modules[agent] = net
    gating = GatingNetwork()
    with torch.no_grad():
        gating.linear.weight.copy_(torch.from_numpy(p["gating"][0].T.copy()))
        gating.linear.bias.copy_(torch.from_numpy(p["gating"][1]))
    modules["gating"] = gating
    write_folder(os.path.join(root, "seeded"), modules,
                 "the server's seeded parameters (seed %d, widths 256,128,64) as TorchScript" % p["seed"])


def make_bad(root):
    torch.manual_seed(3)
    folder = os.path.join(root, "bad")
    os.makedirs(folder, exist_ok=True)
    wide = ROWS * 4
    for name, module, example in [
        ("mlmi-input-100.pt", nn.Sequential(nn.Linear(100, 3)), torch.zeros(2, 100)),
        ("mlmi-output-4.pt", nn.Sequential(nn.Linear(wide, 4)), torch.zeros(2, wide)),
        ("mlmi-tuple.pt", TupleOut(wide), torch.zeros(2, wide)),
        ("mlmi-batch-mixing.pt", BatchMixing(wide), torch.zeros(2, wide)),
        ("mlmi-float64.pt", DoubleOut(wide), torch.zeros(2, wide)),
        ("gating-input-5.pt", nn.Sequential(nn.Linear(5, 3)), torch.zeros(2, 5)),
    ]:
        export(module, os.path.join(folder, name), example)
    # The usual mistake: copying the .pth state dict instead of exporting TorchScript.
    torch.save(PolicyNetwork(wide, (4,)).state_dict(), os.path.join(folder, "mlmi-state-dict.pth"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeded-params", help="parameters file written by the server (seed 42) for seeded/")
    args = parser.parse_args()
    root = os.path.dirname(os.path.abspath(__file__))
    make_trained(root)
    make_scripted(root)
    make_bad(root)
    if args.seeded_params:
        make_seeded(root, args.seeded_params)


if __name__ == "__main__":
    main()
