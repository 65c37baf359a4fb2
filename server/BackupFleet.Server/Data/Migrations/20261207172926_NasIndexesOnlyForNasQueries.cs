using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class NasIndexesOnlyForNasQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The planner's picture of what is queued and running comes from runs' statistics, which autovacuum refreshes after
            // a tenth of the table changed: with millions of ended runs that is weeks, so a nightly wave of thousands ran on
            // statistics that said nothing waits. Refreshed after every 5,000 changes, they catch up within a minute of the wave.
            migrationBuilder.Sql("ALTER TABLE runs SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);");

            migrationBuilder.DropIndex(
                name: "ix_runs_queued_per_nas",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_running_per_nas",
                table: "runs");

            migrationBuilder.CreateIndex(
                name: "ix_runs_queued_per_nas",
                table: "runs",
                columns: new[] { "target_server", "queued_at", "id" },
                filter: "state = 'Queued' AND target_server IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_runs_running_per_nas",
                table: "runs",
                column: "target_server",
                filter: "state = 'Running' AND target_server IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE runs RESET (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold);");

            migrationBuilder.DropIndex(
                name: "ix_runs_queued_per_nas",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_running_per_nas",
                table: "runs");

            migrationBuilder.CreateIndex(
                name: "ix_runs_queued_per_nas",
                table: "runs",
                columns: new[] { "target_server", "queued_at", "id" },
                filter: "state = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "ix_runs_running_per_nas",
                table: "runs",
                column: "target_server",
                filter: "state = 'Running'");
        }
    }
}
