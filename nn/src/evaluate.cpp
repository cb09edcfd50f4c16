#include "actforge/core/error.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/minibatch.hpp"
#include "actforge/nn/trainer.hpp"

#include <cmath>
#include <limits>

namespace actforge::nn {

EvalResult evaluate(Network& network, const Matrix& features, std::span<const std::int32_t> labels,
                    std::span<const std::uint32_t> rows, std::size_t batch_size) {
    if (rows.empty()) throw Error("evaluation needs at least one row");
    if (batch_size == 0) throw Error("evaluation needs a positive batch size");
    check_dataset(features, labels, rows, network.output_size());

    // Every batch has `batch` rows. The last one fills only its first `len`
    // rows; the rest still hold real rows of the previous batch, so they
    // evaluate to ordinary values and only the first `len` count.
    const std::size_t batch = std::min(batch_size, rows.size());
    Matrix xb(static_cast<Eigen::Index>(batch), features.cols());
    std::vector<std::int32_t> yb(batch);

    network.set_training(false);
    network.clear_non_finite();
    EvalResult result;
    double loss_sum = 0.0;
    std::size_t correct = 0;
    for (std::size_t start = 0; start < rows.size(); start += batch) {
        const std::size_t len = std::min(batch, rows.size() - start);
        gather(features, labels, rows.subspan(start, len), xb, yb);
        const Matrix& logits = network.forward(xb);
        const std::span<const std::int32_t> batch_labels(yb.data(), len);
        const float loss = SoftmaxCrossEntropy::loss(logits, batch_labels);
        if (network.saw_non_finite() || !std::isfinite(loss)) {
            result = {0.0, std::numeric_limits<double>::infinity(), false};
            break;
        }
        loss_sum += static_cast<double>(loss) * static_cast<double>(len);
        correct += count_correct(logits, batch_labels);
    }
    network.set_training(true);
    if (!result.finite) return result;
    const auto n = static_cast<double>(rows.size());
    result.accuracy = static_cast<double>(correct) / n;
    result.loss = loss_sum / n;
    return result;
}

} // namespace actforge::nn
