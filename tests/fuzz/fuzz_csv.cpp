// CSV datasets. The first byte chooses the options (bit 0: regression,
// bit 1: ';' as the delimiter, bit 2: the label column named "label"
// instead of the last); the rest is the file. It is read or refused with
// actforge::Error, and a dataset that is read is valid.
#include "actforge/fitness/csv_reader.hpp"
#include "fuzz_support.hpp"

using namespace actforge;
using namespace actforge::fitness;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    CsvOptions options;
    options.regression = (data[0] & 1) != 0;
    options.delimiter = (data[0] & 2) != 0 ? ';' : ',';
    if ((data[0] & 4) != 0) options.label_column = "label";
    Dataset d;
    if (!fuzz::returns_or_refuses([&] { d = parse_csv(fuzz::as_text(data + 1, size - 1), "fuzz.csv", options); })) {
        return 0;
    }
    if (!fuzz::returns_or_refuses([&] { d.validate(); })) fuzz::fail("a dataset that was read is not valid");
    return 0;
}
