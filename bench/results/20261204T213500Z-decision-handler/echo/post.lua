wrk.method = "POST"
wrk.body = '{"subject":"11010519500101016X","action":"travel.air.ticket","purpose":"ticket sale"}'
wrk.headers["Content-Type"] = "application/json"
