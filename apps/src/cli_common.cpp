#include "cli_common.hpp"

#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/timestamp.hpp"
#include "actforge/evolution/campaign/session_log.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>

namespace actforge::cli {

po::variables_map parse_options(const std::vector<std::string>& args, const po::options_description& options,
                                const po::positional_options_description& positional) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        const std::string token = e.get_option_name();
        if (token.size() > 1 && token[0] == '-' && token[1] != '-') {
            throw Error(std::string(e.what()) +
                        "; a formula that starts with '-' goes last, after '--': "
                        "actforge inspect -- '" +
                        token + "'");
        }
        throw Error(std::string(e.what()) + " (see --help)");
    } catch (const po::error& e) {
        throw Error(std::string(e.what()) + " (see --help)");
    }
    return vm;
}

std::vector<double> parse_number_list(const std::string& text, const std::string& what) {
    std::vector<double> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::size_t end = comma == std::string::npos ? text.size() : comma;
        std::string item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        double v = 0.0;
        const char* first = item.data();
        if (!item.empty() && item.front() == '+') ++first;
        const auto [ptr, ec] = std::from_chars(first, item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size()) {
            throw Error(
                fmt::format("{}: '{}' is not a number (expected a comma-separated list like 1,-2.5,3e-2)", what, item));
        }
        out.push_back(v);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

void write_output(const std::string& path, const std::string& content) {
    if (path.empty() || path == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        std::fflush(stdout);
        return;
    }
    write_file_atomically(path, content);
}

void record_session(const std::filesystem::path& dir, std::string_view subcommand,
                    const std::vector<std::string>& args) {
    std::string command = "actforge ";
    command += subcommand;
    for (const std::string& a : args) {
        command += ' ';
        command += shell_quote(a);
    }
    evolution::append_session(dir, {utc_timestamp(std::chrono::system_clock::now()), command});
}

void print_report_pointer(const std::filesystem::path& dir) {
    fmt::print("report: actforge report {} writes {}/report.html, one page with the plots and tables\n",
               shell_quote(dir.string()), dir.string());
}

void print_help(const std::string& usage, const std::string& summary, const po::options_description& options) {
    std::cout << "usage: " << usage << "\n\n" << summary << "\n\n" << options << "\n";
}

} // namespace actforge::cli
