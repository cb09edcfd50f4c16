// The PyTorch export of a recurrent network. torch.nn.RNN, GRU and LSTM take
// no custom activation, so the cell is written out as a loop over the steps
// with the exported Activation, in the formulas of nn/recurrent.hpp and with
// its weight layout, so actforge's weights load into it unchanged.
#include "network_export_parts.hpp"

#include <fmt/format.h>

namespace actforge::cli {
namespace {

// The cell's step, indented for the loop body: a = x_t W + b is given; n is
// the state width, u the recurrent weight.
std::string cell_step(nn::CellKind cell) {
    switch (cell) {
    case nn::CellKind::Elman: return "            h = self.activation(a + h @ u)\n";
    case nn::CellKind::Gru:
        return "            r, z = torch.sigmoid(a[:, :2 * n] + h @ u[:, :2 * n]).chunk(2, 1)\n"
               "            candidate = self.activation(a[:, 2 * n:] + (r * h) @ u[:, 2 * n:])\n"
               "            h = candidate + z * (h - candidate)\n";
    case nn::CellKind::Lstm:
        return "            i, f, g, o = (a + h @ u).chunk(4, 1)\n"
               "            c = torch.sigmoid(f) * c + torch.sigmoid(i) * self.activation(g)\n"
               "            h = torch.sigmoid(o) * self.activation(c)\n";
    }
    return {};
}

const char* gate_order(nn::CellKind cell) {
    switch (cell) {
    case nn::CellKind::Elman: return "[a]";
    case nn::CellKind::Gru: return "[r | z | n], the reset gate acting on h before the recurrent product";
    case nn::CellKind::Lstm: return "[i | f | g | o], the forget gate's bias starting at 1";
    }
    return "";
}

std::string recurrent_class(nn::CellKind cell, nn::Init init) {
    const std::size_t gates = nn::gate_count(cell);
    std::string out = "\n\nimport math\n\n\nclass Recurrent(torch.nn.Module):\n";
    out += fmt::format("    \"\"\"The scored {} cell over `steps` steps of step_size features, with the candidate in\n"
                       "    place of its tanh (the gates keep the sigmoid); returns the last state. Weights as\n"
                       "    actforge lays them out: input_weight (step_size x {}*hidden), recurrent_weight\n"
                       "    (hidden x {}*hidden), gates {}.\"\"\"\n\n",
                       nn::to_string(cell), gates, gates, gate_order(cell));
    out += "    def __init__(self, step_size, hidden, steps, activation):\n"
           "        super().__init__()\n"
           "        self.steps, self.hidden = steps, hidden\n";
    out += fmt::format("        self.input_weight = torch.nn.Parameter(torch.empty(step_size, {0} * hidden))\n"
                       "        self.recurrent_weight = torch.nn.Parameter(torch.empty(hidden, {0} * hidden))\n"
                       "        self.bias = torch.nn.Parameter(torch.zeros({0} * hidden))\n",
                       gates);
    out += "        self.activation = activation\n";
    out += fmt::format("        # {}-uniform weights, as the scores assumed.\n"
                       "        with torch.no_grad():\n"
                       "            for w, fan_in in ((self.input_weight, step_size), (self.recurrent_weight, hidden)):\n"
                       "                bound = {}\n"
                       "                w.uniform_(-bound, bound)\n",
                       nn::to_string(init), weight_bound_code(init, "hidden")); // a gate block has `hidden` outputs
    if (init == nn::Init::Torch) {
        out += "            self.bias.uniform_(-1.0 / math.sqrt(hidden), 1.0 / math.sqrt(hidden))\n";
    }
    if (cell == nn::CellKind::Lstm) out += "            self.bias[hidden:2 * hidden] += 1.0\n";
    out += "\n    def forward(self, x):\n"
           "        x = x.reshape(x.shape[0], self.steps, -1)\n"
           "        projected = x @ self.input_weight + self.bias\n"
           "        n, u = self.hidden, self.recurrent_weight\n"
           "        h = x.new_zeros(x.shape[0], n)\n";
    if (cell == nn::CellKind::Lstm) out += "        c = h\n";
    out += "        for t in range(self.steps):\n"
           "            a = projected[:, t]\n";
    out += cell_step(cell);
    out += "        return h\n";
    return out;
}

} // namespace

std::string pytorch_recurrent_network(const CandidateExport& c) {
    const std::size_t state = c.hidden.at(0);
    std::string out = recurrent_class(*c.cell, c.init);
    const std::string head =
        c.hidden.size() == 1 ? "the output layer"
                             : fmt::format("dense {}, then the output layer",
                                           fmt::join(c.hidden.begin() + 1, c.hidden.end(), "-"));
    out += c.steps > 0 ? fmt::format("\n\ndef build_network(in_features, num_classes, steps={}):\n", c.steps)
                       : "\n\ndef build_network(in_features, num_classes, steps):\n";
    out += fmt::format("    \"\"\"The scored recurrent network: a {} cell of {} over `steps` steps of in_features // steps\n"
                       "    features, its last state into {}.\"\"\"\n",
                       nn::to_string(*c.cell), state, head);
    std::string layers =
        fmt::format("        Recurrent(in_features // steps, {}, steps, {}),\n", state, activation_class(c, 0));
    std::string prev = std::to_string(state);
    for (std::size_t l = 1; l < c.hidden.size(); ++l) {
        layers += fmt::format("        torch.nn.Linear({}, {}), {},\n", prev, c.hidden[l], activation_class(c, l));
        prev = std::to_string(c.hidden[l]);
    }
    layers += fmt::format("        torch.nn.Linear({}, num_classes),\n", prev);
    out += fmt::format("    net = torch.nn.Sequential(\n{}    )\n", layers);
    out += init_code(c.init);
    out += "    return net\n";
    return out + training_constants(c);
}

} // namespace actforge::cli
