#pragma once
// A task: the data a candidate is trained and scored on, the network shape
// and the training budget. A TaskSpec is the plain description (presets,
// command-line flags, a campaign's config); a Task is the loaded data, one
// read-only copy shared by every thread.
#include "actforge/fitness/split.hpp"
#include "actforge/nn/activation.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/recurrent.hpp"
#include "actforge/nn/trainer.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actforge::fitness {

struct TaskSpec {
    // "fashion-mnist", "spirals", "circles", "csv:PATH", or "teacher:FORMULA"
    // (a planted-answer task, teacher.hpp).
    std::string dataset = "fashion-mnist";
    std::string label_column; // CSV only; empty = the last column
    // Examples the search trains and validates on (subsets of the training
    // and validation splits); 0 = the whole split.
    std::size_t train_size = 10000;
    std::size_t val_size = 5000;
    std::vector<std::size_t> hidden{64, 64};
    // Convolution blocks (channels each: conv 3x3 pad 1 -> activation ->
    // max pool 2) before the dense hidden layers; empty = an MLP. Needs
    // image data (Fashion-MNIST).
    std::vector<std::size_t> conv_channels;
    // A recurrent cell that reads each row as a sequence of steps (e.g. an
    // image row by row); then hidden[0] is the cell's state width and the
    // rest of `hidden` the dense head on its last state. Empty = no cell.
    std::optional<nn::CellKind> cell;
    // Steps a row is read as; 0 = the data's own: its sequence steps, or
    // the rows of an image.
    std::size_t steps = 0;
    nn::TrainConfig training; // epochs, batch, optimizer, learning rate, time limit...
    nn::ParamSharing sharing = nn::ParamSharing::PerLayer;
    nn::Init init = nn::Init::He;
    // Splits and subsets: the same for every candidate of a campaign.
    std::uint64_t data_seed = 0;
};

// Named presets: "fashion-mnist" (784-64-64-10, Adam 1e-3, batch 64, 1 epoch
// over 10,000 images, 5,000 for validation), "fashion-mnist-deep" (the same
// with six hidden layers of 48: the default search task), "fashion-mnist-cnn" (conv 16,
// conv 32, dense 64 on the same budget), "spirals" and "circles" (small
// synthetic 2-D tasks that train in well under a second), and
// "teacher:FORMULA" (teacher_preset, teacher.hpp).
[[nodiscard]] TaskSpec task_preset(std::string_view name);
[[nodiscard]] std::vector<std::string> task_preset_names();

// The steps a recurrent cell reads a row of the task as: spec.steps, or the
// default of a named dataset (the 28 rows of a Fashion-MNIST image, the
// adding problem's steps); 0 when nothing tells them (a CSV file, a
// teacher task: give --steps). Task::load and the export both follow it.
[[nodiscard]] std::size_t declared_steps(const TaskSpec& spec);
// Sets spec.steps to 0 when it repeats the steps the dataset declares
// itself (28 rows of a Fashion-MNIST image, the adding task's length), so
// that `--steps 28` and no --steps are one task, in a folder's config and
// its resume check alike.
void drop_declared_steps(TaskSpec& spec);

class Task {
public:
    // Loads and splits the data; throws actforge::Error with a message
    // naming what is missing or malformed.
    [[nodiscard]] static std::shared_ptr<const Task> load(const TaskSpec& spec);

    [[nodiscard]] const TaskSpec& spec() const noexcept { return spec_; }
    // Rows the search trains on, and scores on.
    [[nodiscard]] const DatasetView& train() const noexcept { return train_; }
    [[nodiscard]] const DatasetView& validation() const noexcept { return validation_; }
    // The full training split (replay) and the held-out test split.
    [[nodiscard]] const DatasetView& full_train() const noexcept { return data_.splits.train; }
    [[nodiscard]] const DatasetView& test() const noexcept { return data_.splits.test; }
    [[nodiscard]] std::size_t input_size() const noexcept { return train_.num_features(); }
    [[nodiscard]] std::size_t num_classes() const noexcept { return train_.num_classes(); }
    // "fashion-mnist: 10000 train / 5000 validation / 10000 test, 784 features, 10 classes"
    [[nodiscard]] std::string describe() const;
    // The steps a recurrent cell reads a row as (resolved from spec().steps
    // and the data); 0 without a cell.
    [[nodiscard]] std::size_t sequence_steps() const noexcept { return steps_; }
    // Hidden activation layers of the network: conv blocks, then dense.
    [[nodiscard]] std::size_t activation_layers() const noexcept {
        return spec_.conv_channels.size() + spec_.hidden.size();
    }

private:
    Task() = default;
    TaskSpec spec_;
    SplitData data_;
    DatasetView train_;
    DatasetView validation_;
    std::size_t steps_ = 0;
};

} // namespace actforge::fitness
