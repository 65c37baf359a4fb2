using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunTargetServer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "target_server",
                table: "runs",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            // Runs that wait or run now count towards their NAS's limit at once; finished history is left as it is.
            migrationBuilder.Sql(@"UPDATE runs SET target_server = lower(split_part(ltrim(spec_json ->> 'TargetVhdxPath', ''), '', 1))
                WHERE state IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "ix_runs_target_server_state_queued_at",
                table: "runs",
                columns: new[] { "target_server", "state", "queued_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_runs_target_server_state_queued_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "target_server",
                table: "runs");
        }
    }
}
