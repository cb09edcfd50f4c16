// The campaign report on edge-case folders: it only reads the folder,
// renders what is there and says what is missing; sortable tables carry
// what the page's script sorts by.
#include "actforge/core/error.hpp"
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "actforge/evolution/campaign/session_log.hpp"
#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "engine_helpers.hpp"
#include "text_occurrences.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>

using namespace actforge;
using namespace actforge::evolution;
using namespace actforge::evolution::testing;

using actforge::test::occurrences;

namespace {

// Every file of a folder with its contents: equal before and after means untouched.
std::map<std::string, std::string> files_of(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out[e.path().filename().string()] = ss.str();
    }
    return out;
}

Individual failed(const char* formula, fitness::ScoreStatus status, const char* why) {
    Individual ind = scored(formula, 0.0);
    ind.score.status = status;
    ind.score.message = why;
    return ind;
}

// A campaign folder with `entries` in its hall of fame (none: no
// checkpoint) and `logged` in its log.
fs::path folder_with(const std::string& name, std::optional<std::vector<Individual>> entries,
                     const std::vector<Individual>& logged) {
    const fs::path dir = fresh_dir(name);
    CampaignFolder folder = CampaignFolder::open(dir, tiny_config(2));
    {
        EvaluationLog log(folder.log_path());
        for (std::size_t i = 0; i < logged.size(); ++i) log.append(logged[i], i, 0);
    }
    if (entries) {
        CampaignState state;
        state.generation = 1;
        state.hall_of_fame = HallOfFame(8);
        state.hall_of_fame.offer(*entries);
        state.history.push_back({1, 0.7, 0.6, logged.size(), 0.5});
        state.evaluations = state.candidates = logged.size();
        folder.save(state);
    }
    return dir;
}

std::string report_of(const fs::path& dir) { return campaign_report_html(read_campaign_snapshot(dir), {}); }

} // namespace

TEST_CASE("a folder that never completed a generation renders and says what is missing") {
    const fs::path dir = folder_with("report_fresh", std::nullopt, {});
    const CampaignSnapshot s = read_campaign_snapshot(dir);
    CHECK_FALSE(s.checkpoint.has_value());
    const std::string html = campaign_report_html(s, {});
    CHECK(html.find("no generation has completed yet") != std::string::npos);
    CHECK(html.find("The hall of fame is missing") != std::string::npos);
    CHECK(html.find("id=\"progress\"") == std::string::npos);
    CHECK(html.find("id=\"hall-of-fame\"") == std::string::npos);
    CHECK(html.find("No export commands") != std::string::npos);
    CHECK(html.find("spirals") != std::string::npos); // the header still says what was searched
}

TEST_CASE("a torn last log line is reported, the lines before it counted, and the file left alone") {
    const fs::path dir = folder_with("report_torn", std::vector<Individual>{scored("tanh(x)", 0.8)},
                                     {scored("tanh(x)", 0.8), scored("x", 0.6)});
    std::ofstream(dir / "evaluations.jsonl", std::ios::app) << "{\"formula\": \"sin(";
    const auto before = files_of(dir);
    const CampaignSnapshot s = read_campaign_snapshot(dir);
    CHECK(s.log.tail == LogTail::Torn);
    CHECK(s.log.trainings.size() == 2);
    const std::string html = campaign_report_html(s, {});
    CHECK(html.find("the last line (3) is incomplete") != std::string::npos);
    CHECK(html.find("2 trainings logged") != std::string::npos);
    CHECK(files_of(dir) == before);
}

TEST_CASE("a damaged line in the middle of the log is reported and the rest not read") {
    const fs::path dir = folder_with("report_damaged", std::vector<Individual>{scored("tanh(x)", 0.8)},
                                     {scored("tanh(x)", 0.8), scored("x", 0.6), scored("sin(x)", 0.5)});
    std::stringstream text;
    text << std::ifstream(dir / "evaluations.jsonl").rdbuf();
    std::string lines = text.str();
    lines.replace(lines.find('\n') + 1, 6, "######");
    std::ofstream(dir / "evaluations.jsonl", std::ios::trunc) << lines;
    const CampaignSnapshot s = read_campaign_snapshot(dir);
    CHECK(s.log.tail == LogTail::Damaged);
    CHECK(s.log.bad_line == 2);
    CHECK(s.log.trainings.size() == 1);
    CHECK(campaign_report_html(s, {}).find("line 2 is damaged") != std::string::npos);
}

TEST_CASE("a folder with one candidate has one hall-of-fame row with its formula and plots") {
    Individual one = scored("a*tanh(x) where a=1", 0.8);
    one.score.learned_parameters = {{1.25f}};
    const fs::path dir = folder_with("report_one", std::vector<Individual>{one}, {one});
    const std::string html = report_of(dir);
    CHECK(occurrences(html, "<td data-col=\"formula\"") == 1);
    CHECK(html.find("<code>a*tanh(x) where a=1.25</code>") != std::string::npos);
    CHECK(html.find(xml_escape(trained_formulas(one))) != std::string::npos);
    // The row's thumbnail and the top-functions plot draw paths.
    const std::size_t plot = html.find("<td data-col=\"plot\"");
    REQUIRE(plot != std::string::npos);
    CHECK(html.find("<path d=\"M", plot) < html.find("</td>", plot));
    CHECK(html.find("id=\"top-functions\"") != std::string::npos);
    for (const char* reference : {"ReLU", "Swish", "GELU"})
        CHECK(html.find(fmt::format("<title>{}</title>", reference)) != std::string::npos);
    CHECK(html.find(fmt::format("actforge export {} --rank 1 --format pytorch --out rank1.py", dir.string())) !=
          std::string::npos);
    CHECK(html.find("--rank 1 --format cpp --out rank1.hpp") != std::string::npos);
    CHECK(html.find("--rank 2 ") == std::string::npos);
}

TEST_CASE("a folder whose candidates all failed says so and lists the failures") {
    const fs::path dir = folder_with("report_failed", std::vector<Individual>{},
                                     {failed("exp(exp(x))", fitness::ScoreStatus::NonFinite, "loss is NaN"),
                                      failed("x - x", fitness::ScoreStatus::Degenerate, "constant function"),
                                      failed("exp(x)", fitness::ScoreStatus::NonFinite, "gradient is inf")});
    const std::string html = report_of(dir);
    CHECK(html.find("all 3 logged trainings failed") != std::string::npos);
    CHECK(html.find("id=\"failures\"") != std::string::npos);
    CHECK(html.find("<td data-col=\"status\" data-sort=\"non_finite\">non_finite</td>"
                    "<td data-col=\"trainings\" data-sort=\"2\" class=\"num\">2</td>") != std::string::npos);
    CHECK(html.find("constant function") != std::string::npos);
    CHECK(html.find("id=\"top-functions\"") == std::string::npos);
}

TEST_CASE("a real campaign's report has a row per hall-of-fame entry in rank order, and changes nothing") {
    const fs::path dir = fresh_dir("report_real");
    const CampaignResult r = run(dir, tiny_config(2), 2);
    append_session(dir, {"2024-01-02T03:04:05Z", "actforge discover --out 'my runs'"});
    const auto before = files_of(dir);
    const CampaignSnapshot s = read_campaign_snapshot(dir);
    ReportOptions options;
    options.top = 2;
    const std::string html = campaign_report_html(s, options);
    CHECK(files_of(dir) == before);
    CHECK(s.problems.empty());
    const auto& entries = r.state.hall_of_fame.entries();
    REQUIRE_FALSE(entries.empty());
    CHECK(occurrences(html, "<td data-col=\"formula\"") == entries.size());
    std::size_t at = 0;
    for (const Individual& e : entries) {
        at = html.find("<code>" + xml_escape(trained_formulas(e)) + "</code>", at);
        CHECK_MESSAGE(at != std::string::npos, trained_formulas(e));
    }
    CHECK(html.find("started 2024-01-02T03:04:05Z") != std::string::npos);
    CHECK(html.find("actforge discover --out &apos;my runs&apos;") != std::string::npos);
    CHECK(html.find("id=\"progress\"") != std::string::npos);
    CHECK(occurrences(html, "--format pytorch") == 2);
    CHECK(occurrences(html, "<svg") == entries.size() + 3); // thumbnails, fitness, rate, top functions
    CHECK(html.find("<?xml") == std::string::npos);
}

TEST_CASE("replay tables read back from replay.json") {
    const nlohmann::json j = nlohmann::json::parse(R"json({
      "task": "spirals: 300 train", "seeds": 3, "epochs": 4,
      "results": [
        {"label": "#1", "formula": "tanh(x)", "architecture": {"hidden": [8], "lr": 0.01}, "runs": 3, "runs_ok": 3,
         "mean_test_accuracy": 0.81, "std_test_accuracy": 0.01, "best_baseline": "relu", "p_vs_best": 0.04,
         "p_vs_relu": 0.04},
        {"label": "relu", "formula": "relu(x)", "architecture": {"hidden": [8], "lr": 0.01}, "runs": 3, "runs_ok": 0,
         "mean_test_accuracy": null, "std_test_accuracy": null}],
      "transfer": [{"task": "circles", "seeds": 3, "epochs": 2, "results": []}]})json");
    const std::vector<ReplayTable> tables = replay_tables_from_json(j);
    REQUIRE(tables.size() == 2);
    REQUIRE(tables[0].rows.size() == 2);
    CHECK(tables[0].rows[0].p_vs_best == doctest::Approx(0.04));
    CHECK(std::isnan(tables[0].rows[1].mean));
    CHECK(std::isnan(tables[0].rows[1].p_vs_relu));
    CHECK(tables[1].task == "circles");
    CampaignSnapshot s;
    s.replay = tables;
    const std::string html = report::replay_section(s);
    CHECK(html.find("transfer: circles") != std::string::npos);
    CHECK(html.find("81.00% \u00b1 1.00") != std::string::npos);
    CHECK(html.find("0 of 3") != std::string::npos);
    CHECK_THROWS_AS((void)replay_tables_from_json(nlohmann::json::parse(R"({"task": "x"})")), Error);
}

TEST_CASE("alphas.csv: columns by name, quoted primitives, a torn last line left out, bad numbers named") {
    const auto w = parse_mixture_csv("layer,epoch,slot,primitive,weight\n1,0,1,\"max(x, 0)\",0.25\n"
                                     "1,1,1,\"max(x, 0)\",0.5\n1,2,1,ta");
    REQUIRE(w.size() == 2);
    CHECK(w[1].epoch == 1);
    CHECK(w[1].layer == 1);
    CHECK(w[1].primitive == "max(x, 0)");
    CHECK(w[1].weight == 0.5);
    CHECK_THROWS_WITH_AS(parse_mixture_csv("epoch,layer,slot,primitive,weight\n0,1,0,tanh,heavy\n"),
                         doctest::Contains("line 2: weight 'heavy'"), Error);
    CHECK_THROWS_WITH_AS(parse_mixture_csv("epoch,layer,primitive,weight\n"), doctest::Contains("no column 'slot'"),
                         Error);
    CampaignSnapshot s;
    s.mixture = parse_mixture_csv("epoch,layer,slot,primitive,weight\n0,0,1,tanh,0.3\n0,0,1,relu,0.7\n"
                                  "1,0,1,tanh,0.2\n1,0,1,relu,0.8\n");
    std::string html = report::strategy_section(s);
    CHECK(html.find("DARTS mixture weights") != std::string::npos);
    CHECK(occurrences(html, "<svg") == 1);
    CHECK(html.find("the mixture every layer shares") != std::string::npos);
    CHECK(html.find("<title>relu</title>") != std::string::npos);
    CHECK(html.find("Discretisation gap") == std::string::npos);
    s.mixture = parse_mixture_csv("epoch,layer,slot,primitive,weight\n0,1,1,tanh,0.3\n0,1,2,tanh,0.7\n"
                                  "0,2,1,tanh,0.6\n0,2,2,tanh,0.4\n");
    s.darts_gap = DartsGap{0.8, 0.78, 0.25};
    html = report::strategy_section(s);
    CHECK(occurrences(html, "<svg") == 2); // one plot per layer
    CHECK(html.find("layer 2&apos;s mixture") != std::string::npos);
    CHECK(html.find("<title>slot 2: tanh</title>") != std::string::npos); // slots named where there are several
    CHECK(html.find("the mixture scored 80.00% on validation; its argmax function, retrained alone, 78.00%") !=
          std::string::npos);
}

TEST_CASE("the RL controller's updates become reward and entropy plots") {
    CampaignSnapshot s;
    for (std::size_t g = 1; g <= 3; ++g) {
        s.rl_updates.push_back(
            RlUpdateLog{g, 8, 0, 0.5 + 0.1 * static_cast<double>(g), 0.5, {1.2, 0.9}, {"x", "tanh(x)"}, {0.4, 0.6}});
    }
    const std::string html = report::strategy_section(s);
    CHECK(occurrences(html, "<svg") == 2);
    CHECK(html.find("<title>mean reward</title>") != std::string::npos);
    CHECK(html.find("<code>tanh(x)</code>") != std::string::npos);
    CHECK(report::strategy_section(CampaignSnapshot{}).empty());
}

TEST_CASE("tables carry what the page sorts by; missing numbers sort last") {
    const HtmlTable t{"t",
                      {{"name", "name", false, ""}, {"score", "score", true, "a <tip>"}},
                      {{text_cell("b&c"), number_cell(0.5, "50%")},
                       {text_cell("a"), number_cell(std::numeric_limits<double>::quiet_NaN(), "")}}};
    const std::string html = table_html(t);
    CHECK(html.find(R"(<table id="t" class="sortable">)") != std::string::npos);
    CHECK(html.find(R"(<th data-key="score" data-type="number" title="a &lt;tip&gt;">)") != std::string::npos);
    CHECK(html.find(R"(<td data-col="name" data-sort="b&amp;c">b&amp;c</td>)") != std::string::npos);
    CHECK(html.find(R"(<td data-col="score" data-sort="0.5" class="num">50%</td>)") != std::string::npos);
    CHECK(html.find(R"(<td data-col="score" data-sort="" class="num">)") != std::string::npos);
    CHECK(table_html({"", t.columns, {}}).find("sortable") == std::string::npos);
    CHECK(inline_svg("<?xml version=\"1.0\"?>\n<svg/>") == "<svg/>");
    const std::string page = page_html("a & b", "<p>x</p>");
    CHECK(page.starts_with("<!DOCTYPE html>"));
    CHECK(page.find("<title>a &amp; b</title>") != std::string::npos);
    CHECK(page.find("data-report-script") != std::string::npos);
    CHECK(page.find("window.onerror") < page.find("<p>x</p>"));
}

TEST_CASE("sessions are appended, read back oldest first, and survive a torn line") {
    const fs::path dir = fresh_dir("sessions");
    fs::create_directories(dir);
    CHECK(read_sessions(dir).empty());
    append_session(dir, {"2024-01-01T00:00:00Z", "actforge discover --out a"});
    std::ofstream(dir / "sessions.jsonl", std::ios::app) << R"({"started": "2024-01-01T)";
    append_session(dir, {"2024-01-02T00:00:00Z", "actforge discover --out a --generations 9"});
    const auto sessions = read_sessions(dir);
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].started == "2024-01-01T00:00:00Z");
    CHECK(sessions[1].command == "actforge discover --out a --generations 9");
}

TEST_CASE("a folder without config.json is not a campaign") {
    const fs::path dir = fresh_dir("report_empty");
    fs::create_directories(dir);
    CHECK_THROWS_WITH_AS((void)read_campaign_snapshot(dir), doctest::Contains("no config.json"), Error);
    CHECK_THROWS_WITH_AS((void)read_campaign_snapshot(dir / "missing"), doctest::Contains("not a folder"), Error);
    std::ofstream(dir / "config.json") << "{";
    CHECK_THROWS_WITH_AS((void)read_campaign_snapshot(dir), doctest::Contains("is corrupt"), Error);
}
