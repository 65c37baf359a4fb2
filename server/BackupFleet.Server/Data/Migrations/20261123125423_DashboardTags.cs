using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "bytes_transferred",
                table: "runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "tags",
                table: "hosts",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateIndex(
                name: "ix_runs_succeeded_finished_at",
                table: "runs",
                column: "finished_at",
                filter: "state = 'Succeeded'");

            migrationBuilder.CreateIndex(
                name: "ix_hosts_tags",
                table: "hosts",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_runs_succeeded_finished_at",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_hosts_tags",
                table: "hosts");

            migrationBuilder.DropColumn(
                name: "bytes_transferred",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "hosts");
        }
    }
}
