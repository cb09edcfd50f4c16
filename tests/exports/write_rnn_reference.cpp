// Writes a recurrent network's weights, a batch and actforge's logits for
// it, as one JSON document, so that a test can load the weights into the
// PyTorch export of the same network and compare its forward pass.
// Usage: write_rnn_reference CELL STEPS STEP_SIZE HIDDEN[,DENSE...] CLASSES FORMULA > reference.json
// The network is make_rnn's with FORMULA in every activation layer.
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/rnn.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <exception>
#include <string>
#include <vector>

using namespace actforge;

namespace {

// A matrix as nested JSON lists of its rows.
std::string rows(const nn::Matrix& m) {
    std::string out = "[";
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        out += r ? ",[" : "[";
        for (Eigen::Index c = 0; c < m.cols(); ++c) out += fmt::format("{}{:.9g}", c ? "," : "", m(r, c));
        out += "]";
    }
    return out + "]";
}

// A row vector as the inside of a JSON list: "1,2,3".
std::string values(const nn::RowVector& v) {
    const std::string r = rows(v); // "[[1,2,3]]"
    return r.substr(2, r.size() - 4);
}

} // namespace

int main(int argc, char** argv) try {
    if (argc != 7) {
        std::fputs("usage: write_rnn_reference CELL STEPS STEP_SIZE HIDDEN[,DENSE...] CLASSES FORMULA\n", stderr);
        return 2;
    }
    nn::RnnSpec spec;
    spec.cell = nn::cell_from_string(argv[1]);
    spec.steps = std::stoul(argv[2]);
    const std::size_t step_size = std::stoul(argv[3]);
    std::vector<std::size_t> widths;
    for (std::string w = argv[4]; !w.empty();) {
        const auto comma = w.find(',');
        widths.push_back(std::stoul(w.substr(0, comma)));
        w = comma == std::string::npos ? "" : w.substr(comma + 1);
    }
    spec.hidden = widths.at(0);
    spec.dense_hidden.assign(widths.begin() + 1, widths.end());
    const std::size_t classes = std::stoul(argv[5]);
    const std::vector<nn::ActivationSpec> activation{nn::make_activation(expr::parse(argv[6]))};
    Rng rng(17);
    nn::Network net = nn::make_rnn(spec.steps * step_size, spec, classes, activation, nn::ParamSharing::PerLayer,
                                   nn::Init::Xavier, rng);
    // Biases away from their initial zeros (and the forget gate's 1), so
    // that a misplaced bias shows.
    for (nn::ParamRef& p : net.parameters()) {
        if (p.name.ends_with("bias")) {
            for (std::size_t j = 0; j < p.size; ++j) p.value[j] += static_cast<float>(0.3 * rng.normal());
        }
    }
    nn::Matrix in(6, static_cast<Eigen::Index>(spec.steps * step_size));
    for (Eigen::Index i = 0; i < in.size(); ++i) in.data()[i] = static_cast<float>(rng.normal());
    net.set_training(false);
    const nn::Matrix logits = net.forward(in);

    auto& cell = dynamic_cast<nn::RecurrentLayer&>(net.layer(0));
    std::string dense;
    for (std::size_t l = 1; l < net.num_layers(); ++l) {
        if (auto* d = dynamic_cast<nn::Dense*>(&net.layer(l))) {
            dense += (dense.empty() ? "" : ",") + std::string("{\"weight\":") + rows(d->weights()) +
                     ",\"bias\":[" + values(d->bias()) + "]}";
        }
    }
    std::printf("{\"input\":%s,\"logits\":%s,\"input_weight\":%s,\"recurrent_weight\":%s,\"bias\":[%s],"
                "\"dense\":[%s]}\n",
                rows(in).c_str(), rows(logits).c_str(), rows(cell.input_weights()).c_str(),
                rows(cell.recurrent_weights()).c_str(), values(cell.bias()).c_str(), dense.c_str());
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "write_rnn_reference: %s\n", e.what());
    return 1;
}
