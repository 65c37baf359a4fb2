using System.Globalization;
using System.Text.Json;
using BackupFleet.Shared.Text;

namespace BackupFleet.Shared.DataFiles;

/// <summary>
/// One JSON object read field by field, so that every error names the field by its path ("inventory.vms[2].Name").
/// Unknown fields are ignored; a field is matched exactly first, then ignoring case.
/// </summary>
public readonly struct JsonFields
{
    private readonly JsonElement _object;
    private readonly string _file;

    public string Path { get; }

    private JsonFields(JsonElement obj, string file, string path) => (_object, _file, Path) = (obj, file, path);

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses a whole document whose root must be an object. Keep the returned document alive while reading.</summary>
    public static JsonFields Parse(string json, string file, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new DataFileException(file, "(document)", $"is not valid JSON{where}: {e.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new DataFileException(file, "(document)", $"must be a JSON object, not {Describe(document.RootElement)}.");
        return new JsonFields(document.RootElement, file, "");
    }

    public string FieldPath(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    public DataFileException Error(string field, string problem) => new(_file, FieldPath(field), problem);

    /// <summary>The field's value; null when missing or JSON null.</summary>
    private JsonElement? Find(string field)
    {
        if (_object.TryGetProperty(field, out var exact))
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        foreach (var p in _object.EnumerateObject())
        {
            if (string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind == JsonValueKind.Null ? null : p.Value;
        }
        return null;
    }

    private JsonElement Required(string field) => Find(field) ?? throw Error(field, "is required but missing.");

    public string RequiredString(string field, int maxLength = int.MaxValue) =>
        OptionalString(field, maxLength) is { Length: > 0 } s ? s : throw Error(field, "is required and must be a non-empty string.");

    public string? OptionalString(string field, int maxLength = int.MaxValue)
    {
        if (Find(field) is not { } e)
            return null;
        if (e.ValueKind != JsonValueKind.String)
            throw Error(field, $"must be a string, not {Describe(e)}.");
        var s = e.GetString()!;
        return s.Length <= maxLength ? s : throw Error(field, $"must be at most {maxLength} characters long.");
    }

    public double RequiredNumber(string field, double min, double max) =>
        OptionalNumber(field, min, max) ?? throw Error(field, $"is required: give a number from {Show(min)} to {Show(max)}.");

    public double? OptionalNumber(string field, double min, double max)
    {
        if (Find(field) is not { } e)
            return null;
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var value) || double.IsNaN(value) || value < min || value > max)
            throw Error(field, $"must be a number from {Show(min)} to {Show(max)}, not {Describe(e)}.");
        return value;
    }

    public long RequiredInt64(string field, long min = long.MinValue, long max = long.MaxValue) =>
        OptionalInt64(field, min, max) ?? throw Error(field, "is required and must be a whole number.");

    public long? OptionalInt64(string field, long min = long.MinValue, long max = long.MaxValue)
    {
        if (Find(field) is not { } e)
            return null;
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var value) || value < min || value > max)
            throw Error(field, $"must be a whole number{Range(min, max)}, not {Describe(e)}.");
        return value;
    }

    public int RequiredInt32(string field, int min = int.MinValue, int max = int.MaxValue) => (int)RequiredInt64(field, min, max);

    public int? OptionalInt32(string field, int min = int.MinValue, int max = int.MaxValue) => (int?)OptionalInt64(field, min, max);

    public bool RequiredBool(string field) => OptionalBool(field) ?? throw Error(field, "is required and must be true or false.");

    public bool? OptionalBool(string field) => Find(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } e => throw Error(field, $"must be true or false, not {Describe(e)}."),
    };

    public Guid RequiredGuid(string field) =>
        Guid.TryParse(RequiredString(field), out var id) ? id : throw Error(field, "must be a GUID such as 6b7f2c9e-0c2a-4d55-9a3e-1f0d2b8c4a11.");

    public DateTimeOffset RequiredTimestamp(string field) =>
        DateTimeOffset.TryParse(RequiredString(field), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw Error(field, "must be an ISO 8601 time with offset, e.g. 2026-11-20T02:00:00+00:00.");

    /// <summary>An enum written by its name (never its number), e.g. "Running".</summary>
    public TEnum RequiredEnum<TEnum>(string field) where TEnum : struct, Enum =>
        OptionalEnum<TEnum>(field) ?? throw Error(field, $"is required: one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    public TEnum? OptionalEnum<TEnum>(string field) where TEnum : struct, Enum
    {
        if (OptionalString(field) is not { } name)
            return null;
        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Enum.Parse<TEnum>(match)
            : throw Error(field, $"is '{name}'; expected one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    public JsonFields RequiredObject(string field) =>
        OptionalObject(field) ?? throw Error(field, "is required but missing.");

    public JsonFields? OptionalObject(string field)
    {
        if (Find(field) is not { } e)
            return null;
        return e.ValueKind == JsonValueKind.Object
            ? new JsonFields(e, _file, FieldPath(field))
            : throw Error(field, $"must be an object, not {Describe(e)}.");
    }

    /// <summary>An array of objects, each read by <paramref name="read"/> with its index in the path ("vms[2]").</summary>
    public IReadOnlyList<T> RequiredArray<T>(string field, Func<JsonFields, T> read, int maxCount = int.MaxValue) =>
        OptionalArray(field, read, maxCount) ?? throw Error(field, "is required: give an array (it may be empty).");

    public IReadOnlyList<T>? OptionalArray<T>(string field, Func<JsonFields, T> read, int maxCount = int.MaxValue)
    {
        if (OptionalArrayElements(field) is not { } items)
            return null;
        if (items.Count > maxCount)
            throw Error(field, $"has {items.Count} entries; at most {maxCount} are read.");
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{FieldPath(field)}[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object)
                throw new DataFileException(_file, path, $"must be an object, not {Describe(items[i])}.");
            result.Add(read(new JsonFields(items[i], _file, path)));
        }
        return result;
    }

    public IReadOnlyList<string>? OptionalStringArray(string field)
    {
        if (OptionalArrayElements(field) is not { } items)
            return null;
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            result.Add(items[i].ValueKind == JsonValueKind.String
                ? items[i].GetString()!
                : throw new DataFileException(_file, $"{FieldPath(field)}[{i}]", $"must be a string, not {Describe(items[i])}."));
        }
        return result;
    }

    private List<JsonElement>? OptionalArrayElements(string field)
    {
        if (Find(field) is not { } e)
            return null;
        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : throw Error(field, $"must be an array, not {Describe(e)}.");
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Echo.Shorten(e.GetString(), 40)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Show(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Range(long min, long max) =>
        (min, max) switch
        {
            (long.MinValue, long.MaxValue) => "",
            (_, long.MaxValue) => $" of at least {min}",
            _ => $" from {min} to {max}",
        };
}
