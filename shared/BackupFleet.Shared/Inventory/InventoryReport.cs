namespace BackupFleet.Shared.Inventory;

/// <param name="Json">One inventory snapshot in the fixed format of shared/reference/inventory.md (schema backupfleet.inventory/1).</param>
public sealed record InventoryReport(DateTimeOffset CapturedAt, string Json);
