namespace BackupFleet.Shared;

/// <summary>The string constants of a class of ids, read once, so that a list of "every id" cannot miss a new one.</summary>
public static class ConstantNames
{
    public static IReadOnlySet<string> Of(Type type) => type.GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
}
