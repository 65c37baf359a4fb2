namespace BackupFleet.Server.Infrastructure;

public static class Paging
{
    public static Dictionary<string, string[]> Validate(int page, int pageSize, int maxPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
            errors["page"] = ["Pages start at 1."];
        if (pageSize < 1 || pageSize > maxPageSize)
            errors["pageSize"] = [$"Must be between 1 and {maxPageSize}."];
        return errors;
    }
}
