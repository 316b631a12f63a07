using System.Globalization;
using System.Text;

namespace JaxNet.IO;

/// <summary>A Python tuple in a .npy header, '(2, 3)' or '()'; kept apart from a list, since a shape must be a tuple.</summary>
internal sealed record PyTuple(IReadOnlyList<object> Items);

/// <summary>A Python list in a .npy header (a structured dtype's descr: a list of (name, type) tuples).</summary>
internal sealed record PyList(IReadOnlyList<object> Items);

/// <summary>
/// Reads the Python literal a .npy header holds: one dict with string keys whose values are strings, True/False,
/// integers, tuples and lists of those. NumPy reads it with ast.literal_eval; this accepts that grammar's subset the
/// format uses and nothing else (no None, floats, expressions or nested dicts), so a header that is not one clean
/// literal fails with the offset of its first bad character instead of being half understood. Integers may carry
/// Python 2's 'L' suffix, as NumPy's own reader tolerates in version 1.0 files.
/// </summary>
internal sealed class NpyHeaderLiteral
{
    private readonly string text;
    private int at;

    private NpyHeaderLiteral(string text) => this.text = text;

    /// <summary>The dict of <paramref name="text"/>; duplicate keys are refused (Python would keep the last).</summary>
    /// <exception cref="InvalidDataException">anything but one dict literal, optionally surrounded by whitespace.</exception>
    public static IReadOnlyDictionary<string, object> ParseDict(string text)
    {
        var parser = new NpyHeaderLiteral(text);
        parser.SkipBlanks();
        if (!parser.TryTake('{')) throw parser.Error("expected '{' opening the header dict");
        var dict = parser.DictBody();
        parser.SkipBlanks();
        if (parser.at != text.Length) throw parser.Error("unexpected text after the header dict");
        return dict;
    }

    private Dictionary<string, object> DictBody()
    {
        var dict = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            SkipBlanks();
            if (TryTake('}')) return dict;
            if (at >= text.Length) throw Error("the header ends inside the dict");
            var keyAt = at;
            if (Value() is not string key) throw ErrorAt(keyAt, "header dict keys must be strings");
            if (dict.ContainsKey(key)) throw ErrorAt(keyAt, $"key '{key}' appears twice");
            SkipBlanks();
            if (!TryTake(':')) throw Error("expected ':' after a key");
            dict[key] = Value();
            SkipBlanks();
            if (TryTake('}')) return dict;
            if (at >= text.Length) throw Error("the header ends inside the dict");
            if (!TryTake(',')) throw Error("expected ',' or '}' after a value");
        }
    }

    private object Value()
    {
        SkipBlanks();
        if (at >= text.Length) throw Error("the header ends inside the dict");
        var c = text[at];
        if (c is '\'' or '"') return String(c);
        if (c == '(') return Sequence(')', out var trailingComma) is var items && (items.Count != 1 || trailingComma) ? new PyTuple(items) : items[0];
        if (c == '[') return new PyList(Sequence(']', out _));
        if (c == '-' || char.IsAsciiDigit(c)) return Integer();
        if (TryWord("True")) return true;
        if (TryWord("False")) return false;
        throw Error($"unexpected '{c}' (a .npy header holds only strings, True/False, integers, tuples and lists)");
    }

    /// <summary>The items up to <paramref name="close"/>; a one-item parenthesis without a comma is not a tuple.</summary>
    private List<object> Sequence(char close, out bool trailingComma)
    {
        at++;
        var items = new List<object>();
        trailingComma = false;
        while (true)
        {
            SkipBlanks();
            if (TryTake(close)) return items;
            items.Add(Value());
            SkipBlanks();
            trailingComma = false;
            if (TryTake(close)) return items;
            if (!TryTake(',')) throw Error($"expected ',' or '{close}'");
            trailingComma = true;
        }
    }

    private string String(char quote)
    {
        at++;
        var sb = new StringBuilder();
        while (at < text.Length && text[at] != quote)
        {
            var c = text[at++];
            if (c == '\n') throw Error("a string runs past the end of its line");
            if (c != '\\') { sb.Append(c); continue; }
            if (at >= text.Length) break;
            var escaped = text[at++];
            sb.Append(escaped switch
            {
                '\\' or '\'' or '"' => escaped,
                'n' => '\n',
                't' => '\t',
                _ => throw ErrorAt(at - 2, $"unsupported escape '\\{escaped}' in a string"),
            });
        }
        if (at >= text.Length) throw Error("unterminated string");
        at++;
        return sb.ToString();
    }

    private long Integer()
    {
        var start = at;
        if (text[at] == '-') at++;
        while (at < text.Length && char.IsAsciiDigit(text[at])) at++;
        var digits = text[start..at];
        if (at < text.Length && text[at] == 'L') at++;
        if (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '.' or '_'))
            throw Error($"'{text[start..(at + 1)]}' is not an integer literal");
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw ErrorAt(start, $"'{digits}' is not an integer that fits 64 bits");
        return value;
    }

    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0) return false;
        var end = at + word.Length;
        if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
        at = end;
        return true;
    }

    private bool TryTake(char c)
    {
        if (at >= text.Length || text[at] != c) return false;
        at++;
        return true;
    }

    private void SkipBlanks()
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\n' or '\r') at++;
    }

    private InvalidDataException Error(string what) => ErrorAt(at, what);

    private InvalidDataException ErrorAt(int offset, string what) =>
        new($"npy header: {what} at character {offset} of {Quote(text)}");

    private static string Quote(string header) => header.Length <= 200 ? $"\"{header.TrimEnd()}\"" : $"\"{header[..200]}...\"";
}
