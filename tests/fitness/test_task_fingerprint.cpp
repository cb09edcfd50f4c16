// A task's fingerprint changes with its settings and with any value of its
// data, and only then: what MPI ranks compare before sharing scores.
#include "actforge/fitness/task_fingerprint.hpp"
#include "fitness_test_util.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::fitness;
using namespace actforge::fitness::test;

TEST_CASE("fingerprint: the same task loaded twice agrees; settings, data seed and data change it") {
    const TaskSpec spirals_spec = task_preset("spirals");
    const std::uint64_t spirals = fingerprint(*Task::load(spirals_spec));
    CHECK(fingerprint(*Task::load(spirals_spec)) == spirals);

    TaskSpec more_epochs = spirals_spec; // same data, another budget
    more_epochs.training.epochs += 1;
    CHECK(fingerprint(*Task::load(more_epochs)) != spirals);
    TaskSpec other_split = spirals_spec; // same settings otherwise, other rows and examples
    other_split.data_seed = 1;
    CHECK(fingerprint(*Task::load(other_split)) != spirals);
    CHECK(fingerprint(*Task::load(task_preset("circles"))) != spirals);
}

TEST_CASE("fingerprint: one changed value in a CSV file at the same path changes it") {
    TempDir dir("fingerprint");
    std::string rows = "a,b,label\n";
    for (int i = 0; i < 40; ++i)
        rows += std::to_string(i % 7) + "," + std::to_string(i % 5) + "," + (i % 2 ? "x\n" : "y\n");
    write_text(dir / "data.csv", rows);
    TaskSpec spec = task_preset("spirals");
    spec.dataset = "csv:" + (dir / "data.csv").string();
    const std::uint64_t before = fingerprint(*Task::load(spec));
    CHECK(fingerprint(*Task::load(spec)) == before);
    rows.replace(rows.find("\n3,3,"), 5, "\n3,4,");
    write_text(dir / "data.csv", rows);
    CHECK(fingerprint(*Task::load(spec)) != before);
}
