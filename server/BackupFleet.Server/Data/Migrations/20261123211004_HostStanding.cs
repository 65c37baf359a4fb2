using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostStanding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "last_result",
                table: "hosts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_run_at",
                table: "hosts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "open_problems",
                table: "hosts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "rpo_breached",
                table: "hosts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Each host's standing follows its runs and findings in the same transaction, whatever wrote them. A run's event
            // batches (progress) do not touch state or started_at, so they do not fire it. Runs and findings are deleted only
            // with their host, so deletes need nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION host_standing_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
                    UPDATE hosts h SET
                        last_run_at = (SELECT coalesce(r.started_at, r.queued_at) FROM runs r WHERE r.host_id = h.id ORDER BY r.queued_at DESC LIMIT 1),
                        last_result = (SELECT r.state FROM runs r WHERE r.host_id = h.id AND r.state IN ('Succeeded', 'Partial', 'Failed', 'Missed', 'Interrupted')
                                       ORDER BY r.queued_at DESC LIMIT 1),
                        open_problems = (SELECT count(*) FROM findings f WHERE f.host_id = h.id AND f.resolved_at IS NULL AND f.severity IN ('Error', 'Warning')),
                        rpo_breached = EXISTS (SELECT 1 FROM findings f WHERE f.host_id = h.id AND f.resolved_at IS NULL AND f."check" = 'rpo-breached')
                    WHERE h.id = ANY(ids)
                $$;

                CREATE FUNCTION host_standing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM host_standing_refresh(ARRAY[NEW.host_id]);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER runs_host_standing_insert AFTER INSERT ON runs
                    FOR EACH ROW EXECUTE FUNCTION host_standing_changed();
                CREATE TRIGGER runs_host_standing_update AFTER UPDATE OF state, started_at ON runs
                    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.started_at IS DISTINCT FROM NEW.started_at)
                    EXECUTE FUNCTION host_standing_changed();
                CREATE TRIGGER findings_host_standing_insert AFTER INSERT ON findings
                    FOR EACH ROW EXECUTE FUNCTION host_standing_changed();
                CREATE TRIGGER findings_host_standing_update AFTER UPDATE OF resolved_at, severity ON findings
                    FOR EACH ROW WHEN (OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.severity IS DISTINCT FROM NEW.severity)
                    EXECUTE FUNCTION host_standing_changed();

                SELECT host_standing_refresh(ARRAY(SELECT id FROM hosts));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER findings_host_standing_update ON findings;
                DROP TRIGGER findings_host_standing_insert ON findings;
                DROP TRIGGER runs_host_standing_update ON runs;
                DROP TRIGGER runs_host_standing_insert ON runs;
                DROP FUNCTION host_standing_changed();
                DROP FUNCTION host_standing_refresh(uuid[]);
                """);

            migrationBuilder.DropColumn(
                name: "last_result",
                table: "hosts");

            migrationBuilder.DropColumn(
                name: "last_run_at",
                table: "hosts");

            migrationBuilder.DropColumn(
                name: "open_problems",
                table: "hosts");

            migrationBuilder.DropColumn(
                name: "rpo_breached",
                table: "hosts");
        }
    }
}
