using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostHealthStored : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // How a host stands (HostHealth: 0 Ok, 1 Warning, 2 Offline, 3 Failed; the greatest that applies), computed by
            // PostgreSQL with the row, so that the fleet list filters, sorts and counts by it from an index instead of working
            // it out for every host on every request (4-7 ms a pass over 10,000 hosts on the build machine).
            migrationBuilder.Sql("""
                ALTER TABLE hosts ADD COLUMN health integer GENERATED ALWAYS AS (GREATEST(
                    CASE WHEN last_result = 'Partial' THEN 1
                         WHEN last_result IS NULL OR last_result = 'Succeeded' THEN 0
                         ELSE 3 END,
                    CASE WHEN connection_id IS NULL THEN 2 ELSE 0 END,
                    CASE WHEN open_problems > 0 OR rpo_breached THEN 1 ELSE 0 END)) STORED;
                CREATE INDEX ix_hosts_health_name ON hosts (health, name);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE hosts DROP COLUMN health;"); // its index goes with it
        }
    }
}
