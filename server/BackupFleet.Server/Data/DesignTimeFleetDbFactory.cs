using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BackupFleet.Server.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server or database.</summary>
public sealed class DesignTimeFleetDbFactory : IDesignTimeDbContextFactory<FleetDb>
{
    public FleetDb CreateDbContext(string[] args) =>
        new(FleetDb.OptionsFor("Host=localhost;Database=design_time"));
}
