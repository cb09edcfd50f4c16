#include "task_options.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace actforge::cli {

std::vector<std::size_t> parse_size_list(const std::string& text, const char* what, const char* unit, double max) {
    std::vector<std::size_t> out;
    for (double v : parse_number_list(text, what)) {
        if (v < 1 || v != std::floor(v) || v > max) {
            throw Error(fmt::format("{}: '{}' is not a {} (a whole number from 1 to {})", what, v, unit, max));
        }
        out.push_back(static_cast<std::size_t>(v));
    }
    return out;
}

void add_task_options(po::options_description& options) {
    options.add_options()("task", po::value<std::string>()->default_value("fashion-mnist"),
                          "fashion-mnist | fashion-mnist-deep | fashion-mnist-cnn | fashion-mnist-rnn | spirals | circles | "
                          "adding | csv:PATH | "
                          "teacher:FORMULA (data labelled by a random network using FORMULA, e.g. "
                          "'teacher:x*sigmoid(x)': a planted answer); discover takes a list, e.g. "
                          "fashion-mnist-deep,csv:digits.csv (multi-task fitness)")(
        "label-column", po::value<std::string>(), "CSV: the label column's name (default: the last column)")(
        "train", po::value<std::size_t>(), "training examples the search uses (0 = the whole training split)")(
        "val", po::value<std::size_t>(), "validation examples it scores on (0 = the whole validation split)")(
        "epochs", po::value<std::size_t>(), "training epochs")("hidden", po::value<std::string>(),
                                                               "hidden layer widths, e.g. 64,64")(
        "conv", po::value<std::string>(),
        "convolution blocks' channels before the hidden layers, e.g. 16,32 (image tasks)")(
        "rnn", po::value<std::string>(),
        "a recurrent network: elman | gru | lstm, the candidate in place of the cell's tanh; the first --hidden "
        "width is its state, the rest a dense head on its last state")(
        "steps", po::value<std::size_t>(),
        "steps a recurrent cell reads each row as (default: an image's rows, a sequence's steps)")(
        "batch", po::value<std::size_t>(), "minibatch size")(
        "optimizer", po::value<std::string>(), "adam | adamw | sgd")("lr", po::value<float>(), "learning rate")(
        "per-neuron",
        "learnable activation parameters per neuron (per channel after a convolution) instead of per layer")(
        "time-limit", po::value<double>(), "seconds one candidate may train before it fails with 'timeout'")(
        "data-seed", po::value<std::uint64_t>(), "seed of the splits and subsets (default 0)")(
        "init", po::value<std::string>(),
        "weight initialisation: he | lecun | xavier | torch (PyTorch's default for Linear and Conv2d, the one "
        "an exported network gets)");
}

namespace {

nn::OptimizerKind optimizer_from(const std::string& name) {
    if (name == "adam") return nn::OptimizerKind::Adam;
    if (name == "adamw") return nn::OptimizerKind::AdamW;
    if (name == "sgd") return nn::OptimizerKind::Sgd;
    throw Error(fmt::format("--optimizer: unknown '{}' (choose adam, adamw or sgd)", name));
}

// Every task flag on the command line but --task, each over what it names.
void apply_given_flags(fitness::TaskSpec& spec, const po::variables_map& vm) {
    if (vm.count("label-column")) {
        if (!spec.dataset.starts_with("csv:")) throw Error("--label-column applies to --task csv:PATH only");
        spec.label_column = vm["label-column"].as<std::string>();
    }
    if (vm.count("train")) spec.train_size = vm["train"].as<std::size_t>();
    if (vm.count("val")) spec.val_size = vm["val"].as<std::size_t>();
    if (vm.count("epochs")) {
        spec.training.epochs = vm["epochs"].as<std::size_t>();
        if (spec.training.epochs == 0) throw Error("--epochs must be at least 1");
    }
    if (vm.count("hidden"))
        spec.hidden = parse_size_list(vm["hidden"].as<std::string>(), "--hidden", "layer width", 65536);
    if (vm.count("conv"))
        spec.conv_channels = parse_size_list(vm["conv"].as<std::string>(), "--conv", "channel count", 4096);
    if (vm.count("rnn")) spec.cell = nn::cell_from_string(vm["rnn"].as<std::string>());
    if (vm.count("steps")) {
        if (!spec.cell) throw Error("--steps applies to a recurrent network only (give --rnn)");
        spec.steps = vm["steps"].as<std::size_t>();
        if (spec.steps == 0) throw Error("--steps must be at least 1");
        fitness::drop_declared_steps(spec);
    }
    if (vm.count("batch")) {
        spec.training.batch_size = vm["batch"].as<std::size_t>();
        if (spec.training.batch_size == 0) throw Error("--batch must be at least 1");
    }
    if (vm.count("optimizer")) spec.training.optimizer = optimizer_from(vm["optimizer"].as<std::string>());
    if (vm.count("lr")) {
        spec.training.lr = vm["lr"].as<float>();
        if (!(spec.training.lr > 0.0f)) throw Error("--lr must be positive");
    }
    if (vm.count("per-neuron")) spec.sharing = nn::ParamSharing::PerNeuron;
    if (vm.count("time-limit")) spec.training.max_seconds = vm["time-limit"].as<double>();
    if (vm.count("data-seed")) spec.data_seed = vm["data-seed"].as<std::uint64_t>();
    if (vm.count("init")) spec.init = nn::init_from_string(vm["init"].as<std::string>());
}

} // namespace

fitness::TaskSpec task_preset_or_csv(const std::string& name) {
    // Presets include teacher:FORMULA, whose formula may hold commas.
    if (!name.starts_with("csv:")) return fitness::task_preset(name);
    fitness::TaskSpec spec = fitness::task_preset("spirals"); // small-network defaults suit tabular data
    spec.dataset = name;
    return spec;
}

std::vector<std::string> split_task_list(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    int depth = 0;
    auto finish = [&] {
        const auto first = current.find_first_not_of(' ');
        if (first != std::string::npos) out.push_back(current.substr(first, current.find_last_not_of(' ') - first + 1));
        current.clear();
    };
    for (char c : text) {
        if (c == ',' && depth == 0) {
            finish();
            continue;
        }
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        current += c;
    }
    finish();
    return out;
}

std::vector<NamedTask> task_specs_from(const po::variables_map& vm) {
    const std::string text = vm["task"].as<std::string>();
    std::vector<NamedTask> out;
    for (const std::string& name : split_task_list(text)) {
        if (std::any_of(out.begin(), out.end(), [&](const NamedTask& t) { return t.name == name; }))
            throw Error(fmt::format("--task names '{}' twice", name));
        NamedTask t{name, task_preset_or_csv(name)};
        apply_given_flags(t.spec, vm);
        out.push_back(std::move(t));
    }
    if (out.empty()) throw Error("--task: name a task, e.g. --task fashion-mnist");
    return out;
}

fitness::TaskSpec task_spec_from(const po::variables_map& vm) {
    std::vector<NamedTask> tasks = task_specs_from(vm);
    if (tasks.size() > 1) {
        throw Error(fmt::format("--task: this command takes one task, not {} (discover alone scores a candidate on "
                                "several)",
                                tasks.size()));
    }
    return std::move(tasks.front().spec);
}

void apply_task_overrides(fitness::TaskSpec& spec, const po::variables_map& vm) {
    if (!vm["task"].defaulted())
        spec = task_spec_from(vm);
    else
        apply_given_flags(spec, vm);
}

} // namespace actforge::cli
