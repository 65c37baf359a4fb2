using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunEventRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "events_kept",
                table: "runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "All");

            migrationBuilder.CreateIndex(
                name: "ix_runs_events_to_prune",
                table: "runs",
                column: "finished_at",
                filter: "events_kept <> 'None'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_runs_events_to_prune",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "events_kept",
                table: "runs");
        }
    }
}
