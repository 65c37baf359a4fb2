using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <summary>
    /// Drops run_events' foreign key to runs (its per-row check dominated the database's work while events were stored) and
    /// keeps its cascade: deleting runs, directly or through their host, deletes their events, once per statement.
    /// </summary>
    public partial class RunEventsWithoutPerRowRunCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_run_events_runs_run_id",
                table: "run_events");
            migrationBuilder.Sql("""
                CREATE FUNCTION delete_events_of_deleted_runs() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM run_events e USING deleted_runs d WHERE e.run_id = d.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER runs_delete_their_events AFTER DELETE ON runs REFERENCING OLD TABLE AS deleted_runs
                    FOR EACH STATEMENT EXECUTE FUNCTION delete_events_of_deleted_runs();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER runs_delete_their_events ON runs;
                DROP FUNCTION delete_events_of_deleted_runs();
                DELETE FROM run_events e WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = e.run_id);
                """);
            migrationBuilder.AddForeignKey(
                name: "fk_run_events_runs_run_id",
                table: "run_events",
                column: "run_id",
                principalTable: "runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
