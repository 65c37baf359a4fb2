namespace BackupFleet.Server.Infrastructure;

public static class Paging
{
    /// <summary>Far past any real list; keeps (page - 1) * pageSize inside an int.</summary>
    public const int MaxPage = 1_000_000;

    public static Dictionary<string, string[]> Validate(int page, int pageSize, int maxPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1 || page > MaxPage)
            errors["page"] = [$"Must be between 1 and {MaxPage}."];
        if (pageSize < 1 || pageSize > maxPageSize)
            errors["pageSize"] = [$"Must be between 1 and {maxPageSize}."];
        return errors;
    }
}
