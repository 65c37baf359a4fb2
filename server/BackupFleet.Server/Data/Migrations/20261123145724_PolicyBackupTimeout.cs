using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyBackupTimeout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "backup_timeout_minutes",
                table: "backup_policies",
                type: "integer",
                nullable: false,
                // Policies saved before the time-out existed get the default one, not a zero that would stop every backup at once.
                defaultValue: 720);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "backup_timeout_minutes",
                table: "backup_policies");
        }
    }
}
