#include "actforge/expr/parser.hpp"

#include "actforge/core/error.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <optional>

namespace actforge::expr {
namespace {

enum class Tok { Number, Name, LParen, RParen, Comma, Plus, Minus, Star, Slash, Caret, Equals, End };

struct Token {
    Tok kind = Tok::End;
    std::size_t column = 0; // 1-based
    std::string_view text;
    double number = 0.0;
};

std::string describe(const Token& t) {
    switch (t.kind) {
    case Tok::End: return "the end of the formula";
    case Tok::Number: return fmt::format("number '{}'", t.text);
    case Tok::Name: return fmt::format("name '{}'", t.text);
    default: return fmt::format("'{}'", t.text);
    }
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            ++i;
            continue;
        }
        Token t;
        t.column = i + 1;
        if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
            (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) != 0)) {
            std::size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) ++j;
            if (j < s.size() && s[j] == '.') {
                ++j;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) ++j;
            }
            if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
                std::size_t k = j + 1;
                if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
                if (k >= s.size() || std::isdigit(static_cast<unsigned char>(s[k])) == 0) {
                    throw ParseError(j + 1, "malformed exponent in number: expected digits after 'e'");
                }
                while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])) != 0) ++k;
                j = k;
            }
            if (j < s.size() && (is_name_char(s[j]) || s[j] == '.')) {
                throw ParseError(j + 1, fmt::format("unexpected '{}' after a number; write '*' to multiply", s[j]));
            }
            t.kind = Tok::Number;
            t.text = s.substr(i, j - i);
            const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
            if (ec == std::errc::result_out_of_range || std::abs(t.number) > std::numeric_limits<float>::max()) {
                if (ec == std::errc::result_out_of_range && t.text.find_first_of("eE") != std::string_view::npos &&
                    t.text.find("e-") != std::string_view::npos) {
                    t.number = 0.0; // underflow: the value is 0 to float precision
                } else {
                    throw ParseError(t.column, fmt::format("number '{}' is too large (the limit is {:g})", t.text,
                                                           std::numeric_limits<float>::max()));
                }
            } else if (ec != std::errc() || ptr != t.text.data() + t.text.size()) {
                throw ParseError(t.column, fmt::format("malformed number '{}'", t.text));
            }
            i = j;
        } else if (is_name_start(c)) {
            std::size_t j = i;
            while (j < s.size() && is_name_char(s[j])) ++j;
            t.kind = Tok::Name;
            t.text = s.substr(i, j - i);
            i = j;
        } else {
            switch (c) {
            case '(': t.kind = Tok::LParen; break;
            case ')': t.kind = Tok::RParen; break;
            case ',': t.kind = Tok::Comma; break;
            case '+': t.kind = Tok::Plus; break;
            case '-': t.kind = Tok::Minus; break;
            case '*': t.kind = Tok::Star; break;
            case '/': t.kind = Tok::Slash; break;
            case '^': t.kind = Tok::Caret; break;
            case '=': t.kind = Tok::Equals; break;
            default: throw ParseError(i + 1, fmt::format("unexpected character '{}'", c));
            }
            t.text = s.substr(i, 1);
            ++i;
        }
        out.push_back(t);
    }
    Token end;
    end.kind = Tok::End;
    end.column = s.size() + 1;
    out.push_back(end);
    return out;
}

struct PendingName {
    std::string_view name;
    std::size_t column;
    std::size_t node; // index of the Param node to patch
};

class Parser {
public:
    explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

    Tree run() {
        if (peek().kind == Tok::End) {
            throw ParseError(1, "empty formula: expected an expression such as 'x*sigmoid(x)'");
        }
        expression();
        if (peek().kind == Tok::Name && peek().text == "where") {
            next();
            where_clause();
        }
        const Token& t = peek();
        if (t.kind == Tok::RParen) throw ParseError(t.column, "unbalanced ')': no '(' to close");
        if (t.kind != Tok::End) {
            throw ParseError(t.column,
                             fmt::format("expected an operator or the end of the formula, found {}", describe(t)));
        }
        resolve_names();
        tree_.validate();
        return std::move(tree_);
    }

private:
    const Token& peek() const { return tokens_[pos_]; }
    const Token& next() { return tokens_[pos_++]; }

    void expect(Tok kind, std::string_view what) {
        const Token& t = peek();
        if (t.kind != kind) throw ParseError(t.column, fmt::format("expected {}, found {}", what, describe(t)));
        next();
    }

    void emit(Node n, std::size_t column) {
        if (tree_.nodes.size() >= kMaxTreeNodes) {
            throw ParseError(column, fmt::format("formula too large: more than {} nodes", kMaxTreeNodes));
        }
        tree_.nodes.push_back(n);
    }
    // Emits an operation whose operands are the last `arity` subtrees.
    void emit_op(Op op, std::size_t first_node, std::size_t column) {
        emit(Node::operation(op, tree_.nodes.size() - first_node + 1), column);
    }

    struct DepthGuard {
        explicit DepthGuard(Parser& p, std::size_t column) : p_(p) {
            if (++p_.depth_ > kMaxNesting) {
                throw ParseError(column, fmt::format("formula nested deeper than {} levels", kMaxNesting));
            }
        }
        ~DepthGuard() { --p_.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        Parser& p_;
    };

    void expression() {
        const std::size_t first = tree_.nodes.size();
        term();
        while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
            const Token& op = next();
            term();
            emit_op(op.kind == Tok::Plus ? Op::Add : Op::Sub, first, op.column);
        }
    }

    void term() {
        const std::size_t first = tree_.nodes.size();
        unary();
        while (peek().kind == Tok::Star || peek().kind == Tok::Slash) {
            const Token& op = next();
            unary();
            emit_op(op.kind == Tok::Star ? Op::Mul : Op::Div, first, op.column);
        }
    }

    void unary() {
        if (peek().kind != Tok::Minus) {
            power();
            return;
        }
        const Token& minus = next();
        DepthGuard guard(*this, minus.column);
        const std::size_t first = tree_.nodes.size();
        const std::size_t first_token = pos_;
        unary();
        // "-2" is the constant -2; "-(2)" and "-2^x" stay negations.
        if (pos_ == first_token + 1 && tokens_[first_token].kind == Tok::Number) {
            tree_.nodes.back().value = -tree_.nodes.back().value;
            return;
        }
        emit_op(Op::Neg, first, minus.column);
    }

    void power() {
        const std::size_t first = tree_.nodes.size();
        primary();
        if (peek().kind == Tok::Caret) {
            const Token& op = next();
            DepthGuard guard(*this, op.column);
            unary();
            emit_op(Op::Pow, first, op.column);
        }
    }

    void primary() {
        const Token& t = next();
        switch (t.kind) {
        case Tok::Number: emit(Node::constant(static_cast<float>(t.number)), t.column); return;
        case Tok::LParen: {
            DepthGuard guard(*this, t.column);
            expression();
            const Token& close = peek();
            if (close.kind != Tok::RParen) {
                throw ParseError(close.column, fmt::format("expected ')' to close '(' at column {}, found {}", t.column,
                                                           describe(close)));
            }
            next();
            return;
        }
        case Tok::Name: name(t); return;
        case Tok::RParen: throw ParseError(t.column, "expected an expression before ')'");
        case Tok::End: throw ParseError(t.column, "expected an expression, found the end of the formula");
        default: throw ParseError(t.column, fmt::format("expected an expression, found {}", describe(t)));
        }
    }

    void name(const Token& t) {
        if (t.text == "x") {
            if (peek().kind == Tok::LParen) throw ParseError(t.column, "'x' is the input, not a function");
            emit(Node::variable(), t.column);
            return;
        }
        std::string_view fname = t.text == "silu" ? std::string_view("swish") : t.text;
        const Primitive* prim = find_primitive(fname);
        if (prim == nullptr || prim->arity == 0) {
            if (peek().kind == Tok::LParen) {
                throw ParseError(t.column, fmt::format("unknown function '{}'", t.text));
            }
            if (t.text == "where") throw ParseError(t.column, "expected an expression before 'where'");
            pending_.push_back({t.text, t.column, tree_.nodes.size()});
            emit(Node::parameter(0), t.column);
            return;
        }
        if (peek().kind != Tok::LParen) {
            throw ParseError(peek().column, fmt::format("expected '(' after function name '{}'", t.text));
        }
        const Token& open = next();
        DepthGuard guard(*this, open.column);
        const std::size_t first = tree_.nodes.size();
        int count = 0;
        if (peek().kind != Tok::RParen) {
            expression();
            ++count;
            while (peek().kind == Tok::Comma) {
                next();
                expression();
                ++count;
            }
        }
        const Token& close = peek();
        if (close.kind != Tok::RParen) {
            throw ParseError(close.column, fmt::format("expected ',' or ')' in the call of '{}' at column {}, found {}",
                                                       t.text, t.column, describe(close)));
        }
        next();
        if (count != prim->arity) {
            throw ParseError(t.column, fmt::format("'{}' takes {} argument{}, found {}", t.text, prim->arity,
                                                   prim->arity == 1 ? "" : "s", count));
        }
        emit_op(prim->op, first, t.column);
    }

    void where_clause() {
        do {
            const Token& n = next();
            if (n.kind != Tok::Name) {
                throw ParseError(n.column,
                                 fmt::format("expected a parameter name after 'where', found {}", describe(n)));
            }
            if (!valid_parameter_name(n.text)) {
                throw ParseError(n.column, fmt::format("'{}' is reserved and cannot name a parameter", n.text));
            }
            if (tree_.find_parameter(n.text) >= 0) {
                throw ParseError(n.column, fmt::format("parameter '{}' is declared twice", n.text));
            }
            expect(Tok::Equals, fmt::format("'=' after parameter '{}'", n.text));
            bool negative = false;
            if (peek().kind == Tok::Minus) {
                negative = true;
                next();
            } else if (peek().kind == Tok::Plus) {
                next();
            }
            const Token& v = next();
            if (v.kind != Tok::Number) {
                throw ParseError(v.column,
                                 fmt::format("expected the initial value of '{}', found {}", n.text, describe(v)));
            }
            if (tree_.parameters.size() >= kMaxParameters) {
                throw ParseError(n.column, fmt::format("too many parameters: the limit is {}", kMaxParameters));
            }
            const auto value = static_cast<float>(negative ? -v.number : v.number);
            tree_.parameters.push_back({std::string(n.text), value});
        } while (peek().kind == Tok::Comma && (next(), true));
    }

    void resolve_names() {
        for (const auto& p : pending_) {
            const int index = tree_.find_parameter(p.name);
            if (index < 0) {
                throw ParseError(p.column, fmt::format("unknown name '{}': use x, a function call, or declare a "
                                                       "parameter with 'where {}=<initial value>'",
                                                       p.name, p.name));
            }
            tree_.nodes[p.node].param = static_cast<std::uint16_t>(index);
        }
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    std::size_t depth_ = 0;
    Tree tree_;
    std::vector<PendingName> pending_;
};

} // namespace

Tree parse(std::string_view text) { return Parser(text).run(); }

} // namespace actforge::expr
