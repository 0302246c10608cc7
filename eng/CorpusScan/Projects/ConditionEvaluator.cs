using System.Globalization;

namespace TrackerRace.CorpusScan.Projects;

/// <summary>
/// Evaluates MSBuild conditions three-valued: true, false, or null when some part cannot be
/// evaluated here (an item list, an unknown function). The caller skips an element whose condition
/// is null and counts it, so an unread branch shows in the report instead of being guessed.
/// Grammar: or / and / ! / == != &lt; &gt; &lt;= &gt;= / parentheses / Exists() / HasTrailingSlash().
/// </summary>
public sealed class ConditionEvaluator(PropertyExpander expander, string baseDirectory)
{
    private PropertyExpander Expander { get; } = expander;

    // Exists() resolves a relative path against the folder of the file that holds the condition.
    private string BaseDirectory { get; } = baseDirectory;

    public bool? Evaluate(string condition)
    {
        if (condition.Trim().Length == 0)
        {
            return true;
        }

        try
        {
            var parser = new Parser(Tokenize(condition), this);
            var result = parser.Or();
            return parser.AtEnd ? result.AsBool() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException("unterminated string");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var end = PropertyExpander.ClosingParenthesis(text, i + 1);
                if (end < 0)
                {
                    throw new FormatException("unbalanced $(");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (i + 1 < text.Length && text.AsSpan(i, 2) is "==" or "!=" or "<=" or ">=")
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '(' or ')' or '!' or '<' or '>' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '!' or '=' or '<' or '>' or ',' or '\''))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"unexpected '{text[i]}'");
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    /// <summary>An operand: a string that may be a boolean or a number; Known is false if it could not be expanded.</summary>
    private readonly record struct Value(string Text, bool Known)
    {
        public bool? AsBool() => !Known ? null
            : Text.Equals("true", StringComparison.OrdinalIgnoreCase) || Text.Equals("on", StringComparison.OrdinalIgnoreCase) || Text.Equals("yes", StringComparison.OrdinalIgnoreCase) ? true
            : Text.Equals("false", StringComparison.OrdinalIgnoreCase) || Text.Equals("off", StringComparison.OrdinalIgnoreCase) || Text.Equals("no", StringComparison.OrdinalIgnoreCase) ? false
            : null;

        public static Value Of(bool? b) => b is { } v ? new Value(v ? "true" : "false", true) : new Value("", false);
    }

    private sealed class Parser(List<string> tokens, ConditionEvaluator owner)
    {
        private int position;

        public bool AtEnd => position == tokens.Count;

        private string? Peek => position < tokens.Count ? tokens[position] : null;

        public Value Or()
        {
            var left = And();
            while (string.Equals(Peek, "or", StringComparison.OrdinalIgnoreCase))
            {
                position++;
                var right = And();
                left = Value.Of(left.AsBool() == true || right.AsBool() == true ? true : left.AsBool() is null || right.AsBool() is null ? null : false);
            }

            return left;
        }

        private Value And()
        {
            var left = Not();
            while (string.Equals(Peek, "and", StringComparison.OrdinalIgnoreCase))
            {
                position++;
                var right = Not();
                left = Value.Of(left.AsBool() == false || right.AsBool() == false ? false : left.AsBool() is null || right.AsBool() is null ? null : true);
            }

            return left;
        }

        private Value Not()
        {
            if (Peek == "!")
            {
                position++;
                var inner = Not().AsBool();
                return Value.Of(inner is null ? null : !inner);
            }

            return Comparison();
        }

        private Value Comparison()
        {
            var left = Operand();
            if (Peek is not ("==" or "!=" or "<" or ">" or "<=" or ">=") || Peek is not { } op)
            {
                return left;
            }

            position++;
            var right = Operand();
            if (!left.Known || !right.Known)
            {
                return Value.Of(null);
            }

            if (op is "==" or "!=")
            {
                return Value.Of(string.Equals(left.Text, right.Text, StringComparison.OrdinalIgnoreCase) == (op == "=="));
            }

            if (!TryNumber(left.Text, out var a) || !TryNumber(right.Text, out var b))
            {
                return Value.Of(null);
            }

            var order = a.CompareTo(b);
            return Value.Of(op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 });
        }

        private Value Operand()
        {
            var token = Peek ?? throw new FormatException("missing operand");
            position++;
            if (token == "(")
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            if (token[0] is '\'' or '"')
            {
                return Expand(token[1..^1]);
            }

            if (token.StartsWith("$(", StringComparison.Ordinal))
            {
                return Expand(token);
            }

            if (Peek == "(")
            {
                return Function(token);
            }

            return new Value(token, true);
        }

        private Value Function(string name)
        {
            position++;
            var arguments = new List<Value>();
            while (Peek != ")")
            {
                arguments.Add(Operand());
                if (Peek == ",")
                {
                    position++;
                }
            }

            Expect(")");
            if (arguments.Count != 1 || !arguments[0].Known)
            {
                return Value.Of(null);
            }

            var argument = arguments[0].Text.Trim();
            return name.ToLowerInvariant() switch
            {
                // A path through the MSBuild tools folder (marked with a character no path holds) is unknown, not absent.
                "exists" when argument.IndexOfAny(Path.GetInvalidPathChars()) >= 0 => Value.Of(null),
                "exists" => Value.Of(argument.Length > 0 && Exists(argument)),
                "hastrailingslash" => Value.Of(argument.EndsWith('/') || argument.EndsWith('\\')),
                _ => Value.Of(null),
            };
        }

        private bool Exists(string path)
        {
            var full = Path.GetFullPath(path.Replace('\\', '/'), owner.BaseDirectory);
            return File.Exists(full) || Directory.Exists(full);
        }

        private Value Expand(string text)
        {
            var expanded = owner.Expander.Expand(text);
            return new Value(expanded.Text, expanded.Complete);
        }

        private void Expect(string token)
        {
            if (Peek != token)
            {
                throw new FormatException($"expected '{token}'");
            }

            position++;
        }

        private static bool TryNumber(string text, out Version version)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains('.', StringComparison.Ordinal))
            {
                version = new Version((int)Math.Min(number, int.MaxValue), 0);
                return true;
            }

            return Version.TryParse(text.TrimStart('v', 'V'), out version!);
        }
    }
}
