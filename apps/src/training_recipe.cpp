// The training recipe a network export ends with: what the candidate was
// trained with when it was scored, as PyTorch code, so that a user who
// trains the exported network with it trains it as actforge did.
#include "network_export_parts.hpp"

#include "actforge/expr/printer.hpp"

#include <fmt/format.h>

namespace actforge::cli {
namespace {

std::string number(double v) { return expr::format_number(static_cast<float>(v)); }

// make_optimizer(parameters): torch.optim's twin of the task's optimizer.
// actforge's Adam adds weight decay to the gradient, as torch.optim.Adam
// does; AdamW decouples it, as torch.optim.AdamW does. actforge decays the
// weights of dense and convolution layers only, torch every parameter it is
// given: the same while the decay is 0, as no task or flag sets it today.
std::string optimizer_code(const nn::TrainConfig& t) {
    std::string call;
    switch (t.optimizer) {
    case nn::OptimizerKind::Sgd:
        call = fmt::format("torch.optim.SGD(parameters, lr=LEARNING_RATE, momentum={}, nesterov={}, weight_decay={})",
                           number(t.sgd.momentum), t.sgd.nesterov ? "True" : "False", number(t.sgd.weight_decay));
        break;
    case nn::OptimizerKind::Adam:
    case nn::OptimizerKind::AdamW:
        call = fmt::format("torch.optim.{}(parameters, lr=LEARNING_RATE, betas=({}, {}), eps={}, weight_decay={})",
                           t.optimizer == nn::OptimizerKind::AdamW ? "AdamW" : "Adam", number(t.adam.beta1),
                           number(t.adam.beta2), number(t.adam.eps), number(t.adam.weight_decay));
        break;
    }
    return fmt::format("\n\ndef make_optimizer(parameters):\n"
                       "    \"\"\"The optimizer the candidate was scored with.\"\"\"\n"
                       "    return {}\n",
                       call);
}

// make_scheduler(optimizer, steps_per_epoch), stepped after every optimizer
// step. actforge's cosine is base * (1 + cos(pi * step / total)) / 2 over
// total = EPOCHS * steps_per_epoch steps: CosineAnnealingLR with eta_min 0.
std::string scheduler_code(const nn::TrainConfig& t) {
    const std::string body =
        t.schedule == nn::Schedule::Cosine
            ? "    return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS * steps_per_epoch, "
              "eta_min=0.0)\n"
            : "    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)\n";
    return fmt::format("\n\ndef make_scheduler(optimizer, steps_per_epoch):\n"
                       "    \"\"\"The learning-rate schedule ({}); call .step() after every optimizer step.\n"
                       "    steps_per_epoch = max(1, training rows // BATCH_SIZE): actforge drops the last partial\n"
                       "    batch, and trains on all rows at once when they are fewer than BATCH_SIZE.\"\"\"\n"
                       "{}",
                       t.schedule == nn::Schedule::Cosine ? "cosine from LEARNING_RATE to 0" : "constant", body);
}

} // namespace

std::string training_constants(const CandidateExport& c) {
    const nn::TrainConfig& t = c.training;
    std::string out =
        fmt::format("\n\n# How the candidate was trained when it was scored: the learning rate,\n"
                    "# epochs, minibatch size, schedule and optimizer (make_optimizer, make_scheduler).\n"
                    "LEARNING_RATE = {}\nEPOCHS = {}\nBATCH_SIZE = {}\nSCHEDULE = \"{}\"\n"
                    "# The weight initialisation the scores assume; build_network applies it.\nINIT = \"{}\"\n",
                    expr::format_number(c.learning_rate), t.epochs, t.batch_size,
                    t.schedule == nn::Schedule::Cosine ? "cosine" : "constant", nn::to_string(c.init));
    if (c.clip_norm > 0) {
        out += fmt::format("# Gradients were clipped to this global norm before each step, as\n"
                           "# torch.nn.utils.clip_grad_norm_(net.parameters(), CLIP_NORM) does.\n"
                           "CLIP_NORM = {}\n",
                           expr::format_number(c.clip_norm));
    }
    return out + optimizer_code(t) + scheduler_code(t);
}

} // namespace actforge::cli
