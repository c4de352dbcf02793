-- CreateIndex
CREATE INDEX "ServerLogRecord_userId_path_occurredAt_id_idx" ON "ServerLogRecord"("userId", "path", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "ServerLogRecord_userId_ip_occurredAt_id_idx" ON "ServerLogRecord"("userId", "ip", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "ServerLogRecord_userId_deviceId_occurredAt_id_idx" ON "ServerLogRecord"("userId", "deviceId", "occurredAt", "id");
