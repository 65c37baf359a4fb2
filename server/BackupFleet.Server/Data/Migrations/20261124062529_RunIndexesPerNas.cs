using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunIndexesPerNas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Runs are inserted a wave batch at a time (DueScheduleFirer): the hosts' standing is refreshed once per statement
            // from the inserted rows, not once per row (500 single-host updates made a batch's insert take 0.7 s).
            migrationBuilder.Sql("""
                DROP TRIGGER runs_host_standing_insert ON runs;
                CREATE FUNCTION host_standing_runs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM host_standing_refresh(ARRAY(SELECT DISTINCT host_id FROM inserted));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER runs_host_standing_insert AFTER INSERT ON runs
                    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION host_standing_runs_inserted();
                """);

            migrationBuilder.DropIndex(
                name: "ix_runs_queued_start_by",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_target_server_state_queued_at",
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER runs_host_standing_insert ON runs;
                DROP FUNCTION host_standing_runs_inserted();
                CREATE TRIGGER runs_host_standing_insert AFTER INSERT ON runs
                    FOR EACH ROW EXECUTE FUNCTION host_standing_changed();
                """);

            migrationBuilder.DropIndex(
                name: "ix_runs_queued_per_nas",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_running_per_nas",
                table: "runs");

            migrationBuilder.CreateIndex(
                name: "ix_runs_queued_start_by",
                table: "runs",
                column: "start_by",
                filter: "state = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "ix_runs_target_server_state_queued_at",
                table: "runs",
                columns: new[] { "target_server", "state", "queued_at" });
        }
    }
}
