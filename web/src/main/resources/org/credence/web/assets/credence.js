// Draws every <canvas data-chart> with Chart.js. The data comes in the attribute, so the pages need
// no inline script; each chart has a table with the same figures right after it.
(function () {
  'use strict';
  function draw(canvas) {
    if (typeof Chart === 'undefined' || canvas.dataset.drawn) {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart);
    var steps = data.type === 'steps';
    canvas.dataset.drawn = 'true';
    new Chart(canvas, {
      type: steps ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: [{
          label: canvas.dataset.label || '',
          data: data.values,
          stepped: steps ? true : false,
          borderColor: '#0b4f8a',
          backgroundColor: steps ? 'rgba(11, 79, 138, 0.12)' : '#0b4f8a',
          fill: steps,
          pointRadius: steps ? 4 : 0
        }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: !steps, ticks: { precision: 0 } } }
      }
    });
  }
  function drawAll() {
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }
  document.addEventListener('DOMContentLoaded', drawAll);
  document.addEventListener('htmx:afterSettle', drawAll);
})();
